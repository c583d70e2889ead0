package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;

public record StockReservedEvent(StockId stockId, OrderId orderId, long quantity, long onHandAfter,
                                 long reservedAfter) implements StockFigures, OrderStockEvent {
}
