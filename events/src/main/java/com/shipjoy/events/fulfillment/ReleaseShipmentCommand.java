package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.time.Instant;
import java.util.List;

/** Releases an order's units in a warehouse for picking, one task per sku and location. */
public record ReleaseShipmentCommand(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                     Instant orderPlacedAt, List<PickTask> tasks) implements ShipmentCommand {

    public ReleaseShipmentCommand {
        tasks = List.copyOf(tasks);
    }
}
