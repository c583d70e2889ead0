package com.shipjoy.projections.returns;

import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.returns.ReturnStatus;
import com.shipjoy.projections.ReadModels;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Returns, one document per rmaId. A request creates it only if it is not there yet and a receipt sets what the
 * event carries, so an event delivered again changes nothing.
 */
@Component
@ProcessingGroup(ReadModels.RETURNS)
class ReturnProjection {

    private final MongoTemplate mongo;

    ReturnProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReturnRequestedEvent event) {
        if (mongo.findById(event.rmaId().value(), ReturnDocument.class) == null) {
            mongo.save(new ReturnDocument(event.rmaId().value(), event.orderId().value(), ReturnStatus.REQUESTED,
                    event.resolution(), event.reason(), lines(event.lines()), lines(event.exchangeLines()),
                    List.of(), null));
        }
    }

    @EventHandler
    void on(ReturnReceivedEvent event) {
        ReturnDocument requested = mongo.findById(event.rmaId().value(), ReturnDocument.class);
        if (requested == null) {
            return;
        }
        mongo.save(new ReturnDocument(requested.rmaId(), requested.orderId(), ReturnStatus.RECEIVED,
                requested.resolution(), requested.reason(), requested.lines(), requested.exchangeLines(),
                event.lines().stream().map(line -> new ReturnDocument.ReceivedLine(line.sku().value(),
                        line.quantity().value(), line.condition(), line.location().value())).toList(),
                event.exchange() != null ? event.exchange().orderId().value() : null));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ReturnDocument.class);
    }

    private static List<ReturnDocument.Line> lines(List<ReturnLine> lines) {
        return lines.stream().map(line -> new ReturnDocument.Line(line.sku().value(), line.quantity().value()))
                .toList();
    }
}
