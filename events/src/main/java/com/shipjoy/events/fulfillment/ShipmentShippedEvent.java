package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.Map;

/** The packed units per sku left the warehouse with the carrier. */
public record ShipmentShippedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId, String carrier,
                                   String trackingNumber, Map<String, Long> lines) implements FulfillmentEvent {

    public ShipmentShippedEvent {
        lines = Map.copyOf(lines);
    }
}
