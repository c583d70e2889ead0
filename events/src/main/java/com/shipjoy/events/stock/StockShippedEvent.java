package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;

/** Units left the warehouse from OUTBOUND: on-hand and reserved fall by {@code quantity}. */
public record StockShippedEvent(StockId stockId, OrderId orderId, ShipmentId shipmentId, long quantity,
                                long outboundAfter, long onHandAfter, long reservedAfter)
        implements StockFigures, OrderStockEvent {
}
