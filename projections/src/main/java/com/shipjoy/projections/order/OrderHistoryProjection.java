package com.shipjoy.projections.order;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.events.stock.OrderStockEvent;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.EventNames;
import com.shipjoy.projections.ReadModels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Order timelines. An entry is appended only if no entry with its position is there yet, so an event delivered
 * twice appears once. A batch's entries are appended together when it ends, in one round trip.
 */
@Component
@ProcessingGroup(ReadModels.ORDER_HISTORY)
class OrderHistoryProjection {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final BatchWrites<List<Appended>> batch = new BatchWrites<>(ArrayList::new, this::write);

    private record Appended(String orderId, OrderHistoryDocument.Entry entry) {
    }

    OrderHistoryProjection(MongoTemplate mongo, ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @EventHandler
    void on(OrderEvent event, EventMessage<?> message, TrackingToken token) {
        append(event.orderId().value(), message, token);
    }

    /** The order's shipments and their tasks. */
    @EventHandler
    void on(FulfillmentEvent event, EventMessage<?> message, TrackingToken token) {
        append(event.orderId().value(), message, token);
    }

    /** What the order's stock went through: reservations, releases, pick plans, picks, shipping, returns. */
    @EventHandler
    void on(OrderStockEvent event, EventMessage<?> message, TrackingToken token) {
        append(event.orderId().value(), message, token);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), OrderHistoryDocument.class);
    }

    private void append(String orderId, EventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        Object actor = message.getMetaData().get("actor");
        String type = EventNames.of(message);
        OrderHistoryDocument.Entry entry = new OrderHistoryDocument.Entry(position, message.getTimestamp(), type,
                actor != null ? actor.toString() : null, json.convertValue(message.getPayload(), DATA));
        batch.change(entries -> entries.add(new Appended(orderId, entry)));
    }

    /** Each order's document first (if new), then its entries in the order of the event store. */
    private void write(List<Appended> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, OrderHistoryDocument.class);
        new LinkedHashSet<>(entries.stream().map(Appended::orderId).toList()).forEach(orderId -> bulk.upsert(
                Query.query(Criteria.where("_id").is(orderId)), new Update().setOnInsert("events", List.of())));
        entries.forEach(appended -> bulk.updateOne(Query.query(Criteria.where("_id").is(appended.orderId())
                .and("events.position").ne(appended.entry().position())), new Update().push("events",
                appended.entry())));
        bulk.execute();
    }
}
