package com.shipjoy.projections.order;

import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Orders waiting for stock, per sku. Figures are set, never added, so replays change nothing. Documents are
 * written and removed by {@code _id}: a sku leaves an order's backorder only through an allocation that leaves none
 * of it ({@code backorderedAfter} 0), so neither a later backorder nor the order's full allocation has documents
 * to remove (a removal by order id would make mongo-java-server scan every backorder, for every order allocated).
 * A cancellation removes what is left by order id: the one scan, and a rare command.
 */
@Component
@ProcessingGroup(ReadModels.BACKORDERS)
class BackorderProjection {

    private final MongoTemplate mongo;

    BackorderProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrderBackorderedEvent event) {
        String orderId = event.orderId().value();
        event.backordered().forEach((sku, quantity) -> mongo.save(new BackorderDocument(
                BackorderDocument.id(orderId, sku), orderId, sku, quantity, event.placedAt())));
    }

    @EventHandler
    void on(OrderLineAllocatedEvent event) {
        String id = BackorderDocument.id(event.orderId().value(), event.sku().value());
        if (event.backorderedAfter() == 0) {
            mongo.remove(Query.query(Criteria.where("_id").is(id)), BackorderDocument.class);
        } else {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    Update.update("quantity", event.backorderedAfter()), BackorderDocument.class);
        }
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        mongo.remove(Query.query(Criteria.where("orderId").is(event.orderId().value())), BackorderDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), BackorderDocument.class);
    }
}
