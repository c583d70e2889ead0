package com.shipjoy.command.fulfillment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.fulfillment.CancelShipmentCommand;
import com.shipjoy.events.fulfillment.Carton;
import com.shipjoy.events.fulfillment.CartonLine;
import com.shipjoy.events.fulfillment.ConfirmPickCommand;
import com.shipjoy.events.fulfillment.PackShipmentCommand;
import com.shipjoy.events.fulfillment.PickOutcomeRecordedEvent;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.RecordPickOutcomeCommand;
import com.shipjoy.events.fulfillment.ReleaseShipmentCommand;
import com.shipjoy.events.fulfillment.ShipShipmentCommand;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentCommand;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentPickedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.fulfillment.AssignTaskCommand;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.events.stock.PickLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order's units released in one warehouse, with its pick tasks: picked, packed into cartons, shipped. Status
 * RELEASED, PICKING (once a task is assigned or confirmed), PICKED, PACKED, SHIPPED, CANCELLED.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Shipment {

    /** What a task's rules need; {@code picked} is what its pick moved to OUTBOUND. */
    static final class Task {
        String sku;
        String location;
        long quantity;
        TaskStatus status = TaskStatus.OPEN;
        String workerId;
        Instant assignedAt;
        boolean outcomeRecorded;
        long picked;

        /** By value: the test fixture compares the state a command left with the state its events rebuild. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Task task && quantity == task.quantity && outcomeRecorded == task.outcomeRecorded
                    && picked == task.picked && status == task.status && Objects.equals(sku, task.sku)
                    && Objects.equals(location, task.location) && Objects.equals(workerId, task.workerId)
                    && Objects.equals(assignedAt, task.assignedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, location, quantity, status, workerId, assignedAt, outcomeRecorded, picked);
        }
    }

    @AggregateIdentifier
    private String streamId;
    private ShipmentId shipmentId;
    private OrderId orderId;
    private WarehouseId warehouseId;
    private Instant orderPlacedAt;
    private ShipmentStatus status;
    private Map<String, Task> tasks = new LinkedHashMap<>();
    private List<Carton> cartons;
    private String carrier;
    private String trackingNumber;

    Shipment() {
    }

    /** Repeating a release changes nothing: the process that sends it may run a batch again after a crash. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReleaseShipmentCommand command) {
        if (shipmentId == null) {
            apply(new ShipmentReleasedEvent(command.shipmentId(), command.orderId(), command.warehouseId(),
                    command.orderPlacedAt(), command.tasks()));
        }
    }

    @CommandHandler
    TaskAnswer handle(AssignTaskCommand command, WarehouseCatalog catalog) {
        Task task = task(command.taskId().value());
        if (!catalog.hasWorker(warehouseId, command.workerId())) {
            throw RejectedException.conflict("Worker " + command.workerId() + " is not registered in warehouse "
                    + warehouseId + ".");
        }
        if (task.status != TaskStatus.OPEN) {
            throw RejectedException.conflict("Task " + command.taskId() + " is " + task.status + ", not OPEN.");
        }
        apply(new TaskAssignedEvent(shipmentId, command.taskId(), orderId, warehouseId, command.workerId()));
        return answer(command.taskId().value(), null);
    }

    @CommandHandler
    TaskAnswer handle(ConfirmPickCommand command) {
        Task task = task(command.taskId().value());
        if (task.status != TaskStatus.ASSIGNED) {
            throw RejectedException.conflict("Task " + command.taskId() + " is " + task.status
                    + ": only an ASSIGNED task can be confirmed.");
        }
        if (!command.workerId().value().equals(task.workerId)) {
            throw RejectedException.conflict("Task " + command.taskId() + " is assigned to worker " + task.workerId
                    + ", not " + command.workerId() + ".");
        }
        if (!command.location().value().equals(task.location)) {
            throw RejectedException.conflict("Task " + command.taskId() + " picks at location " + task.location
                    + ", not " + command.location() + ".");
        }
        if (command.quantity() > task.quantity) {
            throw RejectedException.conflict("Task " + command.taskId() + " picks " + task.quantity
                    + " units, fewer than the " + command.quantity() + " confirmed.");
        }
        apply(new TaskConfirmedEvent(shipmentId, command.taskId(), orderId, warehouseId, command.workerId(),
                new Sku(task.sku), command.location(), task.quantity, command.quantity(),
                task.assignedAt));
        return answer(command.taskId().value(), command.quantity());
    }

    private TaskAnswer answer(String taskId, Long pickedQuantity) {
        Task task = tasks.get(taskId);
        return new TaskAnswer(taskId, shipmentId.value(), orderId.value(), warehouseId.value(), task.sku,
                task.location, task.quantity, pickedQuantity, task.status, task.workerId);
    }

    /** Sent by the fulfillment process after the Stock took the pick; it never fails. */
    @CommandHandler
    void handle(RecordPickOutcomeCommand command) {
        Task task = tasks.get(command.taskId().value());
        if (task == null || task.outcomeRecorded || status == ShipmentStatus.CANCELLED) {
            return;
        }
        apply(new PickOutcomeRecordedEvent(shipmentId, command.taskId(), orderId, warehouseId, new Sku(task.sku),
                command.picked()));
        if (!command.followUps().isEmpty()) {
            List<PickTask> followUps = new ArrayList<>();
            for (PickLocation pick : command.followUps()) {
                followUps.add(new PickTask(TaskId.of(shipmentId, tasks.size() + followUps.size() + 1),
                        new Sku(task.sku), pick.location(), pick.quantity()));
            }
            apply(new PickTasksAddedEvent(shipmentId, orderId, warehouseId, orderPlacedAt, followUps));
        }
        if (tasks.values().stream().allMatch(Shipment::settled)) {
            Map<String, Long> picked = pickedPerSku();
            if (picked.isEmpty()) {
                apply(new ShipmentCancelledEvent(shipmentId, orderId, warehouseId, "nothing was found to pick"));
            } else {
                apply(new ShipmentPickedEvent(shipmentId, orderId, warehouseId, picked));
            }
        }
    }

    @CommandHandler
    void handle(PackShipmentCommand command) {
        boolean packedAlready = status == ShipmentStatus.PACKED || status == ShipmentStatus.SHIPPED;
        if (packedAlready && command.cartons().equals(cartons)) {
            return;
        }
        if (status != ShipmentStatus.PICKED) {
            throw RejectedException.conflict("Shipment " + shipmentId + " is " + status
                    + ": only a PICKED shipment can be packed.");
        }
        Map<String, Long> packed = new TreeMap<>();
        for (Carton carton : command.cartons()) {
            for (CartonLine line : carton.lines()) {
                packed.merge(line.sku().value(), line.quantity().value(), Long::sum);
            }
        }
        Map<String, Long> picked = pickedPerSku();
        if (!packed.equals(picked)) {
            throw RejectedException.conflict("The cartons hold " + packed + " but shipment " + shipmentId
                    + " picked " + picked + " (units per sku).");
        }
        apply(new ShipmentPackedEvent(shipmentId, orderId, warehouseId, command.cartons()));
    }

    @CommandHandler
    void handle(ShipShipmentCommand command) {
        if (status == ShipmentStatus.SHIPPED && command.carrier().equals(carrier)
                && command.trackingNumber().equals(trackingNumber)) {
            return;
        }
        if (status != ShipmentStatus.PACKED) {
            throw RejectedException.conflict("Shipment " + shipmentId + " is " + status
                    + ": only a PACKED shipment can ship.");
        }
        apply(new ShipmentShippedEvent(shipmentId, orderId, warehouseId, command.carrier(),
                command.trackingNumber(), pickedPerSku()));
    }

    /** Sent by the fulfillment process when the order is cancelled; a shipped or cancelled shipment stays as is. */
    @CommandHandler
    void handle(CancelShipmentCommand command) {
        if (status == ShipmentStatus.SHIPPED || status == ShipmentStatus.CANCELLED) {
            return;
        }
        tasks.forEach((taskId, task) -> {
            if (task.status.pending()) {
                apply(new TaskCancelledEvent(shipmentId, new TaskId(taskId), orderId,
                        warehouseId));
            }
        });
        apply(new ShipmentCancelledEvent(shipmentId, orderId, warehouseId, command.reason()));
    }

    @EventSourcingHandler
    void on(ShipmentReleasedEvent event) {
        shipmentId = event.shipmentId();
        streamId = ShipmentCommand.streamId(shipmentId);
        orderId = event.orderId();
        warehouseId = event.warehouseId();
        orderPlacedAt = event.orderPlacedAt();
        status = ShipmentStatus.RELEASED;
        add(event.tasks());
    }

    @EventSourcingHandler
    void on(TaskAssignedEvent event, @Timestamp Instant at) {
        Task task = tasks.get(event.taskId().value());
        task.status = TaskStatus.ASSIGNED;
        task.workerId = event.workerId().value();
        task.assignedAt = at;
        status = ShipmentStatus.PICKING;
    }

    @EventSourcingHandler
    void on(TaskConfirmedEvent event) {
        tasks.get(event.taskId().value()).status = TaskStatus.DONE;
        status = ShipmentStatus.PICKING;
    }

    @EventSourcingHandler
    void on(PickOutcomeRecordedEvent event) {
        Task task = tasks.get(event.taskId().value());
        task.outcomeRecorded = true;
        task.picked = event.picked();
    }

    @EventSourcingHandler
    void on(PickTasksAddedEvent event) {
        add(event.tasks());
    }

    @EventSourcingHandler
    void on(ShipmentPickedEvent event) {
        status = ShipmentStatus.PICKED;
    }

    @EventSourcingHandler
    void on(ShipmentPackedEvent event) {
        status = ShipmentStatus.PACKED;
        cartons = event.cartons();
    }

    @EventSourcingHandler
    void on(ShipmentShippedEvent event) {
        status = ShipmentStatus.SHIPPED;
        carrier = event.carrier();
        trackingNumber = event.trackingNumber();
    }

    @EventSourcingHandler
    void on(TaskCancelledEvent event) {
        tasks.get(event.taskId().value()).status = TaskStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(ShipmentCancelledEvent event) {
        status = ShipmentStatus.CANCELLED;
    }

    private void add(List<PickTask> added) {
        for (PickTask pickTask : added) {
            Task task = new Task();
            task.sku = pickTask.sku().value();
            task.location = pickTask.location().value();
            task.quantity = pickTask.quantity();
            tasks.put(pickTask.taskId().value(), task);
        }
    }

    private Task task(String taskId) {
        Task task = tasks.get(taskId);
        if (task == null) {
            throw RejectedException.notFound("Unknown task " + taskId + ".");
        }
        if (status == ShipmentStatus.CANCELLED) {
            throw RejectedException.conflict("Task " + taskId + " belongs to cancelled shipment " + shipmentId + ".");
        }
        return task;
    }

    private static boolean settled(Task task) {
        return task.status == TaskStatus.CANCELLED || task.status == TaskStatus.DONE && task.outcomeRecorded;
    }

    private Map<String, Long> pickedPerSku() {
        Map<String, Long> picked = new TreeMap<>();
        tasks.values().stream().filter(task -> task.picked > 0)
                .forEach(task -> picked.merge(task.sku, task.picked, Long::sum));
        return picked;
    }
}
