package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;

/** An event of a shipment's stream: it belongs in its order's history. */
public interface FulfillmentEvent {

    ShipmentId shipmentId();

    OrderId orderId();

    WarehouseId warehouseId();
}
