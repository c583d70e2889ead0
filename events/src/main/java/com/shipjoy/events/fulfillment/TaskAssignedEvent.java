package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;

public record TaskAssignedEvent(ShipmentId shipmentId, TaskId taskId, OrderId orderId, WarehouseId warehouseId,
                                WorkerId workerId) implements FulfillmentEvent {
}
