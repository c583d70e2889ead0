package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/** Sellable returned units went back into a bin: available again. */
public record StockReturnedEvent(StockId stockId, String rmaId, int line, String orderId, Location location,
                                 long quantity, long locationQuantityAfter, long onHandAfter, long reservedAfter)
        implements StockFigures, OrderStockEvent {
}
