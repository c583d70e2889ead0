package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/**
 * A non-zero {@code variance} adjusted on-hand at the location to {@code counted}. {@code reason} is the counter's, or
 * {@value #SHORT_PICK} when a confirmed pick found the bin holding other than its record (then {@code countId} is the
 * task id).
 */
public record StockCountedEvent(StockId stockId, String countId, Location location, long expected, long counted,
                                long variance, String reason, long onHandAfter, long reservedAfter)
        implements StockFigures {

    /** The same stored value as the release reason {@link StockReleasedEvent#SHORT_PICK}, but its own meaning. */
    public static final String SHORT_PICK = "SHORT_PICK";
}
