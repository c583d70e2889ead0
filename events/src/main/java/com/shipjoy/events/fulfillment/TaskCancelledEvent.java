package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;

public record TaskCancelledEvent(ShipmentId shipmentId, TaskId taskId, OrderId orderId, WarehouseId warehouseId)
        implements FulfillmentEvent {
}
