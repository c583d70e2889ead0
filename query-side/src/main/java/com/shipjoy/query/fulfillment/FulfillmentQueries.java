package com.shipjoy.query.fulfillment;

import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.fulfillment.LaborHour;
import com.shipjoy.projections.fulfillment.LaborWarehouse;
import com.shipjoy.projections.fulfillment.ShipmentDocument;
import com.shipjoy.projections.fulfillment.TaskDocument;
import com.shipjoy.query.Paging;
import com.shipjoy.query.kpi.KpiFigures;
import com.shipjoy.query.kpi.KpiWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.lang.Nullable;

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
                 @Nullable BigDecimal unitsPerHour, long shortPicks) {
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

    /**
     * Per warehouse and worker, by warehouse then worker: the labor of the tasks confirmed in the window's hours (a
     * window that cuts through an hour includes it, as for the KPIs), added up from one document per warehouse and
     * hour, read by id: the work grows with the window and the warehouses, not with the tasks.
     */
    Page<Labor> labor(String warehouseId, KpiWindow window, int page, int size) {
        List<String> warehouses = warehouseId != null ? List.of(warehouseId)
                : mongo.findAll(LaborWarehouse.class).stream().map(LaborWarehouse::warehouseId).toList();
        List<String> ids = new ArrayList<>();
        warehouses.forEach(warehouse -> window.hours().forEach(hour -> ids.add(LaborHour.id(warehouse, hour))));
        Map<List<String>, LaborHour.Worker> workers = new TreeMap<>(Comparator
                .<List<String>, String>comparing(key -> key.get(0)).thenComparing(key -> key.get(1)));
        for (LaborHour hour : mongo.find(Query.query(Criteria.where("_id").in(ids)), LaborHour.class)) {
            hour.workers().forEach(worker -> workers.merge(List.of(hour.warehouseId(), worker.workerId()), worker,
                    LaborHour.Worker::plus));
        }
        if (Paging.beyondSkip(page, size)) {
            return new Page<>(List.of(), page, size, workers.size());
        }
        List<Labor> items = workers.entrySet().stream().skip((long) page * size).limit(size)
                .map(worker -> labor(worker.getKey().get(0), worker.getValue())).toList();
        return new Page<>(items, page, size, workers.size());
    }

    private static Labor labor(String warehouseId, LaborHour.Worker worker) {
        return new Labor(warehouseId, worker.workerId(), worker.tasksCompleted(), worker.unitsPicked(),
                KpiFigures.minutes(BigDecimal.valueOf(worker.activeMillis())),
                KpiFigures.perHour(worker.unitsPicked(), worker.activeMillis()), worker.shortPicks());
    }
}
