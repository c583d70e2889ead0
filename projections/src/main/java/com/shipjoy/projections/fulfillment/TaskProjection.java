package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.projections.BatchDocuments;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Pick tasks, one document per task. A task is created only if it is not there yet, and each change applies only to
 * a task in a status it can come from (OPEN → ASSIGNED → DONE; OPEN or ASSIGNED → CANCELLED), so an event delivered
 * again never sets a task back. A batch's tasks are read in one query and written once each when it ends.
 */
@Component
@ProcessingGroup(ReadModels.TASKS)
class TaskProjection {

    private static final List<TaskStatus> NOT_DONE = List.of(TaskStatus.OPEN, TaskStatus.ASSIGNED);

    private final MongoTemplate mongo;
    private final BatchWrites<BatchDocuments<TaskDocument>> batch;

    TaskProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.batch = BatchDocuments.of(mongo, TaskDocument.class, TaskDocument::taskId, TaskProjection::taskIds);
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
        change(event.taskId().value(), List.of(TaskStatus.OPEN), task -> new TaskDocument(task.taskId(),
                task.shipmentId(), task.orderId(), task.warehouseId(), task.sku(), task.location(), task.quantity(),
                task.pickedQuantity(), TaskStatus.ASSIGNED, event.workerId().value(), task.orderPlacedAt(), at,
                task.completedAt()));
    }

    @EventHandler
    void on(TaskConfirmedEvent event, @Timestamp Instant at) {
        change(event.taskId().value(), NOT_DONE, task -> new TaskDocument(task.taskId(), task.shipmentId(),
                task.orderId(), task.warehouseId(), task.sku(), task.location(), task.quantity(), event.picked(),
                TaskStatus.DONE, event.workerId().value(), task.orderPlacedAt(), event.assignedAt(), at));
    }

    @EventHandler
    void on(TaskCancelledEvent event) {
        change(event.taskId().value(), NOT_DONE, TaskProjection::cancelled);
    }

    /**
     * Rare (an order cancelled before shipping): the one change here that looks tasks up by another field, among the
     * stored tasks and those of this batch.
     */
    @EventHandler
    void on(ShipmentCancelledEvent event) {
        String shipmentId = event.shipmentId().value();
        batch.change(tasks -> {
            Set<String> ids = new LinkedHashSet<>();
            mongo.find(Query.query(Criteria.where("shipmentId").is(shipmentId)), TaskDocument.class)
                    .forEach(task -> ids.add(task.taskId()));
            tasks.changed().stream().filter(task -> task.shipmentId().equals(shipmentId))
                    .forEach(task -> ids.add(task.taskId()));
            ids.forEach(id -> change(tasks, id, NOT_DONE, TaskProjection::cancelled));
        });
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), TaskDocument.class);
    }

    /** The tasks the batch's events name: a batch reads them in one query. */
    private static Set<String> taskIds(List<? extends EventMessage<?>> events) {
        Set<String> ids = BatchWrites.allIds(events, ShipmentReleasedEvent.class, event -> idsOf(event.tasks()));
        ids.addAll(BatchWrites.allIds(events, PickTasksAddedEvent.class, event -> idsOf(event.tasks())));
        ids.addAll(BatchWrites.ids(events, TaskAssignedEvent.class, event -> event.taskId().value()));
        ids.addAll(BatchWrites.ids(events, TaskConfirmedEvent.class, event -> event.taskId().value()));
        ids.addAll(BatchWrites.ids(events, TaskCancelledEvent.class, event -> event.taskId().value()));
        return ids;
    }

    private static List<String> idsOf(List<PickTask> tasks) {
        return tasks.stream().map(task -> task.taskId().value()).toList();
    }

    private static TaskDocument cancelled(TaskDocument task) {
        return new TaskDocument(task.taskId(), task.shipmentId(), task.orderId(), task.warehouseId(), task.sku(),
                task.location(), task.quantity(), task.pickedQuantity(), TaskStatus.CANCELLED, task.workerId(),
                task.orderPlacedAt(), task.assignedAt(), task.completedAt());
    }

    /** Applies {@code change} to a task in one of the statuses {@code from}. */
    private void change(String taskId, List<TaskStatus> from, UnaryOperator<TaskDocument> change) {
        batch.change(tasks -> change(tasks, taskId, from, change));
    }

    private static void change(BatchDocuments<TaskDocument> tasks, String taskId, List<TaskStatus> from,
                               UnaryOperator<TaskDocument> change) {
        TaskDocument task = tasks.get(taskId);
        if (task != null && from.contains(task.status())) {
            tasks.put(change.apply(task));
        }
    }

    private void create(String shipmentId, String orderId, String warehouseId, Instant orderPlacedAt,
                        List<PickTask> created) {
        batch.change(tasks -> created.forEach(task -> {
            if (tasks.get(task.taskId().value()) == null) {
                tasks.put(new TaskDocument(task.taskId().value(), shipmentId, orderId, warehouseId,
                        task.sku().value(), task.location().value(), task.quantity(), null, TaskStatus.OPEN, null,
                        orderPlacedAt, null, null));
            }
        }));
    }
}
