package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.projections.ReadModels;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Pick tasks, one document per task. A task is created only if it is not there yet, and each change applies only to
 * a task in a status it can come from (OPEN → ASSIGNED → DONE; OPEN or ASSIGNED → CANCELLED), so an event delivered
 * again never sets a task back.
 */
@Component
@ProcessingGroup(ReadModels.TASKS)
class TaskProjection {

    private static final List<TaskStatus> NOT_DONE = List.of(TaskStatus.OPEN, TaskStatus.ASSIGNED);

    private final MongoTemplate mongo;

    TaskProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ShipmentReleasedEvent event) {
        create(event.shipmentId().value(), event.orderId().value(), event.warehouseId().value(),
                event.orderPlacedAt(), event.tasks());
    }

    @EventHandler
    void on(PickTasksAddedEvent event) {
        create(event.shipmentId().value(), event.orderId().value(), event.warehouseId().value(),
                event.orderPlacedAt(), event.tasks());
    }

    @EventHandler
    void on(TaskAssignedEvent event, @Timestamp Instant at) {
        change(event.taskId().value(), List.of(TaskStatus.OPEN), new Update().set("status", TaskStatus.ASSIGNED)
                .set("workerId", event.workerId().value()).set("assignedAt", at));
    }

    @EventHandler
    void on(TaskConfirmedEvent event, @Timestamp Instant at) {
        change(event.taskId().value(), NOT_DONE, new Update().set("status", TaskStatus.DONE)
                .set("workerId", event.workerId().value()).set("pickedQuantity", event.picked())
                .set("assignedAt", event.assignedAt()).set("completedAt", at));
    }

    @EventHandler
    void on(TaskCancelledEvent event) {
        change(event.taskId().value(), NOT_DONE, Update.update("status", TaskStatus.CANCELLED));
    }

    /** Rare (an order cancelled before shipping): the one change here that looks tasks up by another field. */
    @EventHandler
    void on(ShipmentCancelledEvent event) {
        mongo.updateMulti(Query.query(Criteria.where("shipmentId").is(event.shipmentId().value())
                .and("status").in(NOT_DONE)), Update.update("status", TaskStatus.CANCELLED), TaskDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), TaskDocument.class);
    }

    /**
     * Applies {@code update} to a task in one of the statuses {@code from}. Read first, then written by {@code _id}
     * alone: one processor thread writes tasks, and a selector on the status as well would make mongo-java-server
     * scan every task (it uses an index only for a query on exactly the index's fields).
     */
    private void change(String taskId, List<TaskStatus> from, Update update) {
        TaskDocument task = mongo.findById(taskId, TaskDocument.class);
        if (task != null && from.contains(task.status())) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(taskId)), update, TaskDocument.class);
        }
    }

    private void create(String shipmentId, String orderId, String warehouseId, Instant orderPlacedAt,
                        List<PickTask> tasks) {
        for (PickTask task : tasks) {
            mongo.upsert(Query.query(Criteria.where("_id").is(task.taskId().value())), new Update()
                    .setOnInsert("shipmentId", shipmentId).setOnInsert("orderId", orderId)
                    .setOnInsert("warehouseId", warehouseId).setOnInsert("sku", task.sku().value())
                    .setOnInsert("location", task.location().value()).setOnInsert("quantity", task.quantity())
                    .setOnInsert("status", TaskStatus.OPEN).setOnInsert("orderPlacedAt", orderPlacedAt),
                    TaskDocument.class);
        }
    }
}
