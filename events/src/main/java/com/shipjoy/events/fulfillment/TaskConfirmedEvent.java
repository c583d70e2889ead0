package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import java.time.Instant;

/** A task is done: {@code picked} < {@code expected} is a short pick. {@code assignedAt} starts its labor time. */
public record TaskConfirmedEvent(ShipmentId shipmentId, TaskId taskId, OrderId orderId, WarehouseId warehouseId,
                                 WorkerId workerId, Sku sku, Location location, long expected, long picked,
                                 Instant assignedAt) implements FulfillmentEvent {

    public boolean shortPick() {
        return picked < expected;
    }
}
