package com.shipjoy.projections.order;

import com.shipjoy.events.order.OrderAllocatedEvent;
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

/** Orders waiting for stock, per sku. Figures are set, never added, so replays change nothing. */
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
        mongo.remove(Query.query(Criteria.where("orderId").is(orderId).and("sku").nin(event.backordered().keySet())),
                BackorderDocument.class);
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
    void on(OrderAllocatedEvent event) {
        removeAll(event.orderId().value());
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        removeAll(event.orderId().value());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), BackorderDocument.class);
    }

    private void removeAll(String orderId) {
        mongo.remove(Query.query(Criteria.where("orderId").is(orderId)), BackorderDocument.class);
    }
}
