package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

public record StockMovedEvent(StockId stockId, Location from, Location to, long quantity, long fromQuantityAfter,
                              long toQuantityAfter, long onHandAfter, long reservedAfter) implements StockFigures {
}
