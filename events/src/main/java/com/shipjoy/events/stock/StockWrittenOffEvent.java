package com.shipjoy.events.stock;

/** Damaged returned units were written off: they never entered stock, so on-hand is unchanged. */
public record StockWrittenOffEvent(StockId stockId, String rmaId, int line, String orderId, long quantity,
                                   long onHandAfter, long reservedAfter) implements StockFigures, OrderStockEvent {
}
