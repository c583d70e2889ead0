package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;

public record ShipmentCancelledEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId, String reason)
        implements FulfillmentEvent {
}
