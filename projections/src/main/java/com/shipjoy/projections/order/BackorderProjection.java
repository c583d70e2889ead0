package com.shipjoy.projections.order;

import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.projections.BatchDocuments;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Orders waiting for stock, per sku. Figures are set, never added, so replays change nothing. Documents are
 * written and removed by {@code _id}: a sku leaves an order's backorder only through an allocation that leaves none
 * of it ({@code backorderedAfter} 0), so neither a later backorder nor the order's full allocation has documents
 * to remove (a removal by order id would make mongo-java-server scan every backorder, for every order allocated).
 * A cancellation removes what is left by order id: the one scan, and a rare command. A batch's backorders are read in
 * one query and written once each when it ends.
 */
@Component
@ProcessingGroup(ReadModels.BACKORDERS)
class BackorderProjection {

    private final MongoTemplate mongo;
    private final BatchWrites<BatchDocuments<BackorderDocument>> batch;

    BackorderProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.batch = BatchDocuments.of(mongo, BackorderDocument.class, BackorderDocument::id,
                events -> BatchWrites.ids(events, OrderLineAllocatedEvent.class,
                        event -> BackorderDocument.id(event.orderId().value(), event.sku().value())));
    }

    @EventHandler
    void on(OrderBackorderedEvent event) {
        String orderId = event.orderId().value();
        batch.change(backorders -> event.backordered().forEach((sku, quantity) -> backorders.put(
                new BackorderDocument(BackorderDocument.id(orderId, sku), orderId, sku, quantity, event.placedAt()))));
    }

    @EventHandler
    void on(OrderLineAllocatedEvent event) {
        String id = BackorderDocument.id(event.orderId().value(), event.sku().value());
        batch.change(backorders -> {
            BackorderDocument waiting = backorders.get(id);
            if (waiting == null) {
                return;
            }
            if (event.backorderedAfter() == 0) {
                backorders.remove(id);
            } else {
                backorders.put(new BackorderDocument(id, waiting.orderId(), waiting.sku(), event.backorderedAfter(),
                        waiting.placedAt()));
            }
        });
    }

    /** The stored backorders of the order and those of this batch. */
    @EventHandler
    void on(OrderCancelledEvent event) {
        String orderId = event.orderId().value();
        batch.change(backorders -> {
            mongo.find(Query.query(Criteria.where("orderId").is(orderId)), BackorderDocument.class)
                    .forEach(backorder -> backorders.remove(backorder.id()));
            backorders.changed().stream().filter(backorder -> backorder.orderId().equals(orderId))
                    .forEach(backorder -> backorders.remove(backorder.id()));
        });
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), BackorderDocument.class);
    }
}
