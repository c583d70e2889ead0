package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.time.Instant;
import java.util.List;

/** {@code orderPlacedAt} sets the tasks' turn: oldest order first. */
public record ShipmentReleasedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                    Instant orderPlacedAt, List<PickTask> tasks) implements FulfillmentEvent {

    public ShipmentReleasedEvent {
        tasks = List.copyOf(tasks);
    }
}
