package com.shipjoy.query.fulfillment;

import com.mongodb.client.MongoCollection;
import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.fulfillment.LaborDocument;
import com.shipjoy.projections.fulfillment.ShipmentDocument;
import com.shipjoy.projections.fulfillment.TaskDocument;
import com.shipjoy.query.Paging;
import com.shipjoy.query.kpi.KpiFigures;
import com.shipjoy.query.kpi.KpiWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the tasks, shipments and labor read models. Blocking: call off the event loop. */
@Component
class FulfillmentQueries {

    /** The order {@code tasks/next} hands tasks out in: oldest order first, then location name (shortest walk). */
    static final Sort TURN = Sort.by("orderPlacedAt", "location", "_id");

    private final MongoTemplate mongo;

    FulfillmentQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One worker's labor in one warehouse; the figures are defined in the controller's OpenAPI description. */
    record Labor(String warehouseId, String workerId, long tasksCompleted, long unitsPicked, BigDecimal activeMinutes,
                 BigDecimal unitsPerHour, long shortPicks) {
    }

    Page<TaskDocument> tasks(String warehouseId, TaskStatus status, String workerId, int page, int size) {
        Criteria criteria = new Criteria();
        if (warehouseId != null) {
            criteria.and("warehouseId").is(warehouseId);
        }
        if (status != null) {
            criteria.and("status").is(status);
        }
        if (workerId != null) {
            criteria.and("workerId").is(workerId);
        }
        return Paging.find(mongo, new Query(criteria), TURN, page, size, TaskDocument.class);
    }

    Optional<TaskDocument> task(String taskId) {
        return Optional.ofNullable(mongo.findById(taskId, TaskDocument.class));
    }

    Optional<ShipmentDocument> shipment(String shipmentId) {
        return Optional.ofNullable(mongo.findById(shipmentId, ShipmentDocument.class));
    }

    /** Per warehouse and worker, by warehouse then worker: the labor of the tasks confirmed in the window. */
    Page<Labor> labor(String warehouseId, KpiWindow window, int page, int size) {
        Document confirmed = new Document("confirmedAt", new Document("$gte", Date.from(window.from()))
                .append("$lt", Date.from(window.to())));
        if (warehouseId != null) {
            confirmed.append("warehouseId", warehouseId);
        }
        List<Document> match = List.of(new Document("$match", confirmed));
        Document group = new Document("$group", new Document("_id",
                new Document("warehouseId", "$warehouseId").append("workerId", "$workerId"))
                .append("tasksCompleted", new Document("$sum", 1))
                .append("unitsPicked", new Document("$sum", "$unitsPicked"))
                .append("activeMillis", new Document("$sum", "$activeMillis"))
                .append("shortPicks", new Document("$sum", "$shortPicks")));
        List<Document> counting = new ArrayList<>(match);
        counting.add(group);
        counting.add(new Document("$group", new Document("_id", null).append("workers", new Document("$sum", 1))));
        Document counted = collection().aggregate(counting).first();
        long total = counted == null ? 0 : counted.get("workers", Number.class).longValue();
        if (Paging.beyondSkip(page, size)) {
            return new Page<>(List.of(), page, size, total);
        }
        List<Document> pipeline = new ArrayList<>(match);
        pipeline.add(group);
        pipeline.add(new Document("$sort", new Document("_id.warehouseId", 1).append("_id.workerId", 1)));
        pipeline.add(new Document("$skip", page * size));
        pipeline.add(new Document("$limit", size));
        List<Labor> items = new ArrayList<>();
        for (Document worker : collection().aggregate(pipeline)) {
            items.add(labor(worker));
        }
        return new Page<>(items, page, size, total);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(mongo.getCollectionName(LaborDocument.class));
    }

    private static Labor labor(Document worker) {
        Document id = worker.get("_id", Document.class);
        long units = worker.get("unitsPicked", Number.class).longValue();
        long millis = worker.get("activeMillis", Number.class).longValue();
        return new Labor(id.getString("warehouseId"), id.getString("workerId"),
                worker.get("tasksCompleted", Number.class).longValue(), units,
                KpiFigures.minutes(BigDecimal.valueOf(millis)), KpiFigures.perHour(units, millis),
                worker.get("shortPicks", Number.class).longValue());
    }
}
