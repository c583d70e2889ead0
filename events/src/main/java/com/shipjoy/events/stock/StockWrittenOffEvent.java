package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;

/** Damaged returned units were written off: they never entered stock, so on-hand is unchanged. */
public record StockWrittenOffEvent(StockId stockId, RmaId rmaId, int line, OrderId orderId, long quantity,
                                   long onHandAfter, long reservedAfter) implements StockFigures, OrderStockEvent {
}
