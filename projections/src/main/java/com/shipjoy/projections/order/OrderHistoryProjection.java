package com.shipjoy.projections.order;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.events.stock.OrderStockEvent;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.EventNames;
import com.shipjoy.projections.ReadModels;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
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
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

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

    /**
     * One write per order: its new entries pushed in event-store order. The positions an order already holds are read
     * first (one read by {@code _id} for the batch) so that the write's selector is the {@code _id} alone: with a
     * condition on the entries as well, mongo-java-server cannot use its {@code _id} index and scans every timeline,
     * once per entry (a third of the server's CPU after a few thousand orders). Entries are written as the driver's
     * documents, in the shape Spring Data gives {@link OrderHistoryDocument.Entry} (a null actor left out): its
     * mapping of every value of every payload was a fifth of a replay's thread.
     */
    private void write(List<Appended> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, List<OrderHistoryDocument.Entry>> byOrder = new LinkedHashMap<>();
        entries.forEach(appended -> byOrder.computeIfAbsent(appended.orderId(), id -> new ArrayList<>())
                .add(appended.entry()));
        MongoCollection<Document> timelines = mongo.getCollection(mongo.getCollectionName(
                OrderHistoryDocument.class));
        Map<String, Set<Long>> known = new HashMap<>();
        timelines.find(Filters.in("_id", byOrder.keySet())).projection(Projections.include("events.position"))
                .forEach(document -> known.put(document.getString("_id"), document.getList("events", Document.class)
                        .stream().map(entry -> entry.getLong("position")).collect(Collectors.toSet())));
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Map.Entry<String, List<OrderHistoryDocument.Entry>> order : byOrder.entrySet()) {
            Set<Long> positions = known.computeIfAbsent(order.getKey(), id -> new HashSet<>());
            List<Document> added = order.getValue().stream().filter(entry -> positions.add(entry.position()))
                    .map(OrderHistoryProjection::document).toList();
            if (!added.isEmpty()) {
                // Not Updates.pushEach, which encodes the entries once to build the update and again to send it.
                writes.add(new UpdateOneModel<>(Filters.eq("_id", order.getKey()), new Document("$push",
                        new Document("events", new Document("$each", added))), UPSERT));
            }
        }
        if (!writes.isEmpty()) {
            timelines.bulkWrite(writes, UNORDERED);
        }
    }

    private static Document document(OrderHistoryDocument.Entry entry) {
        Document document = new Document("position", entry.position())
                .append("timestamp", Date.from(entry.timestamp())).append("type", entry.type());
        if (entry.actor() != null) {
            document.append("actor", entry.actor());
        }
        return document.append("data", new Document(entry.data()));
    }
}
