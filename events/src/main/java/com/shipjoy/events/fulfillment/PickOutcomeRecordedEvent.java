package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;

/** A confirmed task's units reached OUTBOUND: {@code picked} is what the shipment will pack of it. */
public record PickOutcomeRecordedEvent(ShipmentId shipmentId, TaskId taskId, OrderId orderId, WarehouseId warehouseId,
                                       Sku sku, long picked) implements FulfillmentEvent {
}
