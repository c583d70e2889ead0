package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/** Units moved from a bin to OUTBOUND for an order; on-hand and reserved are unchanged. */
public record StockPickedEvent(StockId stockId, String orderId, String shipmentId, String taskId, Location location,
                               long quantity, long locationQuantityAfter, long outboundAfter, long onHandAfter,
                               long reservedAfter) implements StockFigures, OrderStockEvent {
}
