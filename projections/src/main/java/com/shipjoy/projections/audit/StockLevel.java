package com.shipjoy.projections.audit;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockMovedEvent;
import com.shipjoy.events.stock.StockPickedEvent;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import com.shipjoy.events.stock.StockReturnedEvent;
import com.shipjoy.events.stock.StockShippedEvent;
import com.shipjoy.events.stock.StockWrittenOffEvent;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sku in one warehouse as the auditors compute it: quantity per location (zeros dropped) and reserved, made by
 * adding up the movements themselves (quantities, counted quantities) rather than taking the figures-after the events
 * carry, so that it also checks the {@code Stock} aggregate's arithmetic. A pick moves its quantity from the bin to
 * {@code OUTBOUND}, a shipment takes it from {@code OUTBOUND} and from reserved, a return adds it to its bin, and a
 * write-off changes nothing but counts as a movement.
 */
public final class StockLevel {

    private static final String OUTBOUND = Location.OUTBOUND.value();

    private final Map<String, Long> locations = new TreeMap<>();
    private long reserved;
    private long movements;

    public StockLevel() {
    }

    /** The level a checkpoint recorded. */
    public StockLevel(Checkpoint checkpoint) {
        checkpoint.locations().forEach(location -> set(location.location(), location.quantity()));
        reserved = checkpoint.reserved();
        movements = checkpoint.movements();
    }

    /** Applies {@code payload} if it is a stock movement; false (and nothing changed) if it is not. */
    public boolean apply(Object payload) {
        if (payload instanceof StockReceivedEvent e) {
            add(e.location().value(), e.quantity());
        } else if (payload instanceof StockMovedEvent e) {
            add(e.from().value(), -e.quantity());
            add(e.to().value(), e.quantity());
        } else if (payload instanceof StockPickedEvent e) {
            add(e.location().value(), -e.quantity());
            add(OUTBOUND, e.quantity());
        } else if (payload instanceof StockShippedEvent e) {
            add(OUTBOUND, -e.quantity());
            reserved -= e.quantity();
        } else if (payload instanceof StockReturnedEvent e) {
            add(e.location().value(), e.quantity());
        } else if (payload instanceof StockCountedEvent e) {
            set(e.location().value(), e.counted());
        } else if (payload instanceof StockReservedEvent e) {
            reserved += e.quantity();
        } else if (payload instanceof StockReleasedEvent e) {
            reserved -= e.quantity();
        } else if (!(payload instanceof StockWrittenOffEvent)) {
            return false;
        }
        // (A write-off changes nothing: damaged units never entered stock.)
        movements++;
        return true;
    }

    /** This level after the movement with {@code sequence}, stamped {@code timestamp}. */
    public Checkpoint checkpoint(long sequence, Instant timestamp) {
        return new Checkpoint(sequence, timestamp, movements, reserved, locationList());
    }

    public long onHand() {
        return locations.values().stream().mapToLong(Long::longValue).sum();
    }

    public long reserved() {
        return reserved;
    }

    /** Movements applied so far (a checkpoint's included). */
    public long movements() {
        return movements;
    }

    /** Quantity per location, none zero, by location. */
    public Map<String, Long> locations() {
        return Collections.unmodifiableMap(locations);
    }

    public List<LocationStock> locationList() {
        return locations.entrySet().stream().map(entry -> new LocationStock(entry.getKey(), entry.getValue()))
                .toList();
    }

    private void add(String location, long quantity) {
        set(location, locations.getOrDefault(location, 0L) + quantity);
    }

    private void set(String location, long quantity) {
        if (quantity == 0) {
            locations.remove(location);
        } else {
            locations.put(location, quantity);
        }
    }
}
