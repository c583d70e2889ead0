package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/** A non-zero {@code variance} adjusted on-hand at the location to {@code counted}. */
public record StockCountedEvent(StockId stockId, String countId, Location location, long expected, long counted,
                                long variance, String reason, long onHandAfter, long reservedAfter)
        implements StockFigures {
}
