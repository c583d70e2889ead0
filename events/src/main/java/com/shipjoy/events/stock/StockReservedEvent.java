package com.shipjoy.events.stock;

public record StockReservedEvent(StockId stockId, String orderId, long quantity, long onHandAfter,
                                 long reservedAfter) implements StockFigures, OrderStockEvent {
}
