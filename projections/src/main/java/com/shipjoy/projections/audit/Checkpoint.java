package com.shipjoy.projections.audit;

import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import java.time.Instant;
import java.util.List;

/**
 * A {@code Stock}'s level ({@link StockLevel}) after its movement with {@code sequence} (-1: before its first),
 * {@code movements} being how many it has applied and {@code timestamp} the newest stamp among them.
 */
public record Checkpoint(long sequence, Instant timestamp, long movements, long reserved,
                         List<LocationStock> locations) {

    /** Before the first movement. */
    public static final Checkpoint NONE = new Checkpoint(-1, Instant.MIN, 0, 0, List.of());
}
