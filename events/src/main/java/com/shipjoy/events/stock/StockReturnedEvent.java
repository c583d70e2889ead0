package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;

/** Sellable returned units went back into a bin: available again. */
public record StockReturnedEvent(StockId stockId, RmaId rmaId, int line, OrderId orderId, Location location,
                                 long quantity, long locationQuantityAfter, long onHandAfter, long reservedAfter)
        implements StockFigures, OrderStockEvent {
}
