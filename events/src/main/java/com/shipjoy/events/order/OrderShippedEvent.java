package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.Map;

/**
 * A shipment of the order left: {@code lines} units per sku, {@code shippedAfter} the order's shipped units per sku
 * after it; {@code complete} when every ordered unit has shipped.
 */
public record OrderShippedEvent(OrderId orderId, ShipmentId shipmentId, WarehouseId warehouseId,
                                Map<String, Long> lines, Map<String, Long> shippedAfter, boolean complete)
        implements OrderEvent {

    public OrderShippedEvent {
        lines = Map.copyOf(lines);
        shippedAfter = Map.copyOf(shippedAfter);
    }
}
