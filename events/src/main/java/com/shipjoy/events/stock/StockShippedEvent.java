package com.shipjoy.events.stock;

/** Units left the warehouse from OUTBOUND: on-hand and reserved fall by {@code quantity}. */
public record StockShippedEvent(StockId stockId, String orderId, String shipmentId, long quantity, long outboundAfter,
                                long onHandAfter, long reservedAfter) implements StockFigures, OrderStockEvent {
}
