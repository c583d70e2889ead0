package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.time.Instant;
import java.util.List;

public record PickTasksAddedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                  Instant orderPlacedAt, List<PickTask> tasks) implements FulfillmentEvent {

    public PickTasksAddedEvent {
        tasks = List.copyOf(tasks);
    }
}
