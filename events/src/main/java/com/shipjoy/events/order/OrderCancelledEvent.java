package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import java.util.List;

/** {@code openShipments}: the order's shipments that had not shipped, to be cancelled with their tasks. */
public record OrderCancelledEvent(OrderId orderId, String reason, List<ShipmentId> openShipments)
        implements OrderEvent {

    public OrderCancelledEvent {
        // Cancellations stored before shipments existed carry no list.
        openShipments = openShipments == null ? List.of() : List.copyOf(openShipments);
    }
}
