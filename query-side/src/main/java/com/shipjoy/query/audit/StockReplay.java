package com.shipjoy.query.audit;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockMovedEvent;
import com.shipjoy.events.stock.StockPickedEvent;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import com.shipjoy.events.stock.StockReturnedEvent;
import com.shipjoy.events.stock.StockShippedEvent;
import com.shipjoy.events.stock.StockWrittenOffEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Rebuilds stock levels straight from the event store, independent of every read model. It adds up the movements
 * themselves (quantities, counted quantities) rather than the figures-after the events carry, so it also checks the
 * aggregate's arithmetic.
 */
@Component
class StockReplay {

    private static final int STREAM_WAIT_SECONDS = 5;
    private static final String OUTBOUND = Location.OUTBOUND.value();

    private final EventStore eventStore;

    StockReplay(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Levels per stock after every event up to {@code position} (inclusive) stamped at or before {@code at}. */
    Result replay(long position, Instant at, Predicate<StockId> include) {
        Map<StockId, Level> levels = new TreeMap<>(Comparator.comparing(StockId::toString));
        long replayed = 0;
        if (position <= 0) {
            return new Result(levels, replayed);
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(STREAM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                long eventPosition = event.trackingToken().position().orElse(0);
                if (eventPosition > position) {
                    break;
                }
                if (at != null && event.getTimestamp().isAfter(at)) {
                    continue;
                }
                if (apply(event.getPayload(), levels, include)) {
                    replayed++;
                }
                if (eventPosition == position) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying the event store", e);
        }
        return new Result(levels, replayed);
    }

    private static boolean apply(Object payload, Map<StockId, Level> levels, Predicate<StockId> include) {
        if (payload instanceof StockReceivedEvent e && include.test(e.stockId())) {
            level(levels, e.stockId()).add(e.location().value(), e.quantity());
        } else if (payload instanceof StockMovedEvent e && include.test(e.stockId())) {
            Level level = level(levels, e.stockId());
            level.add(e.from().value(), -e.quantity());
            level.add(e.to().value(), e.quantity());
        } else if (payload instanceof StockPickedEvent e && include.test(e.stockId())) {
            Level level = level(levels, e.stockId());
            level.add(e.location().value(), -e.quantity());
            level.add(OUTBOUND, e.quantity());
        } else if (payload instanceof StockShippedEvent e && include.test(e.stockId())) {
            Level level = level(levels, e.stockId());
            level.add(OUTBOUND, -e.quantity());
            level.reserved -= e.quantity();
        } else if (payload instanceof StockReturnedEvent e && include.test(e.stockId())) {
            level(levels, e.stockId()).add(e.location().value(), e.quantity());
        } else if (payload instanceof StockWrittenOffEvent e && include.test(e.stockId())) {
            // Damaged units never entered stock: nothing changes, but the event was replayed.
            level(levels, e.stockId());
        } else if (payload instanceof StockCountedEvent e && include.test(e.stockId())) {
            level(levels, e.stockId()).set(e.location().value(), e.counted());
        } else if (payload instanceof StockReservedEvent e && include.test(e.stockId())) {
            level(levels, e.stockId()).reserved += e.quantity();
        } else if (payload instanceof StockReleasedEvent e && include.test(e.stockId())) {
            level(levels, e.stockId()).reserved -= e.quantity();
        } else {
            return false;
        }
        return true;
    }

    private static Level level(Map<StockId, Level> levels, StockId stockId) {
        return levels.computeIfAbsent(stockId, id -> new Level());
    }

    record Result(Map<StockId, Level> levels, long eventsReplayed) {
    }

    /** One sku in one warehouse: quantity per location (zeros dropped) and reserved. */
    static final class Level {

        final Map<String, Long> locations = new TreeMap<>();
        long reserved;

        void add(String location, long quantity) {
            set(location, locations.getOrDefault(location, 0L) + quantity);
        }

        void set(String location, long quantity) {
            if (quantity == 0) {
                locations.remove(location);
            } else {
                locations.put(location, quantity);
            }
        }

        long onHand() {
            return locations.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
