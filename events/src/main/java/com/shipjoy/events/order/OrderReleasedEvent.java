package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.time.Instant;
import java.util.Map;

/**
 * Units allocated in one warehouse are released for fulfillment as shipment {@code shipmentId}: when the whole
 * order is allocated, or, with shipPartial, as soon as they are. {@code lines}: units per sku.
 */
public record OrderReleasedEvent(OrderId orderId, ShipmentId shipmentId, WarehouseId warehouseId,
                                 Map<String, Long> lines, Instant placedAt) implements OrderEvent {

    public OrderReleasedEvent {
        lines = Map.copyOf(lines);
    }
}
