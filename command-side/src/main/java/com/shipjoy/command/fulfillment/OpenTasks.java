package com.shipjoy.command.fulfillment;

import com.shipjoy.command.Lookups;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * The open pick tasks per warehouse, in hand-out order, for {@code tasks/next}. Kept by a subscribing processor in
 * the transaction of the task events, so it is never behind them; the Shipment still has the last word on an
 * assignment, so two workers asking at once never get the same task.
 */
@Component
@ProcessingGroup(Lookups.OPEN_TASKS)
class OpenTasks {


    private final OpenTaskEntries entries;

    OpenTasks(OpenTaskEntries entries) {
        this.entries = entries;
    }

    /** The first {@code limit} open tasks of the warehouse: oldest order first, then by location name. */
    List<TaskId> next(WarehouseId warehouseId, int limit) {
        return entries.findByWarehouseIdOrderByOrderPlacedAtAscOrderIdAscLocationAscTaskIdAsc(warehouseId.value(),
                PageRequest.of(0, limit)).stream().map(entry -> new TaskId(entry.taskId())).toList();
    }

    @EventHandler
    void on(ShipmentReleasedEvent event) {
        open(event.warehouseId(), event.orderPlacedAt(), event.orderId().value(), event.tasks());
    }

    @EventHandler
    void on(PickTasksAddedEvent event) {
        open(event.warehouseId(), event.orderPlacedAt(), event.orderId().value(), event.tasks());
    }

    @EventHandler
    void on(TaskAssignedEvent event) {
        entries.deleteById(event.taskId().value());
    }

    @EventHandler
    void on(TaskCancelledEvent event) {
        entries.deleteById(event.taskId().value());
    }

    private void open(WarehouseId warehouseId, Instant placedAt, String orderId,
                      List<PickTask> tasks) {
        tasks.forEach(task -> entries.save(new OpenTaskEntry(task.taskId().value(), warehouseId.value(), placedAt,
                orderId, task.location().value())));
    }
}
