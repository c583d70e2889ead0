package com.shipjoy.query.audit;

import com.shipjoy.events.stock.StockId;
import com.shipjoy.projections.audit.Checkpoint;
import com.shipjoy.projections.audit.EarlierCheckpoint;
import com.shipjoy.projections.audit.StockCheckpoints.Mark;
import com.shipjoy.projections.audit.StockCheckpoints.Stock;
import com.shipjoy.projections.audit.StockLevel;
import java.time.Instant;
import java.util.Comparator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a {@code Stock}'s level from its own events, independent of every read model but the audit checkpoints it
 * may start from: the newest checkpoint within the bound, then the stream's events after it through Axon's
 * per-aggregate read ({@code EventStore.readEvents(id, sequence)}), up to the first one beyond the bound. Axon's
 * snapshots are not used: they hold the aggregate's own figures, and only the newest is kept.
 */
@Component
class StockReplay {

    private final EventStore eventStore;
    private final MongoTemplate mongo;

    StockReplay(EventStore eventStore, MongoTemplate mongo) {
        this.eventStore = eventStore;
        this.mongo = mongo;
    }

    /**
     * Where a replay stops: before the first event after sequence {@code last} or stamped after {@code at}. With
     * {@code at}, it assumes that a stream's stamps never go back in time (one aggregate's commands run one after the
     * other); if a clock did go back, the level is the one after the longest beginning of the stream stamped at or
     * before {@code at}, and movements stamped earlier after a later one are left out.
     */
    record Bound(long last, Instant at) {

        /** The stream's end. */
        static final Bound END = new Bound(Long.MAX_VALUE, Instant.MAX);

        static Bound at(Instant at) {
            return new Bound(Long.MAX_VALUE, at);
        }

        static Bound sequence(long last) {
            return new Bound(last, Instant.MAX);
        }

        boolean admits(long sequence, Instant timestamp) {
            return sequence <= last && !timestamp.isAfter(at);
        }
    }

    /**
     * The level of the {@code Stock} of {@code sku} in {@code warehouseId} within {@code bound}, starting from the
     * newest of {@code stock}'s checkpoints within it ({@code stock} null, or {@code fromFirstEvent}: from the stream's
     * first event). Takes the id's parts as they are stored: the audit's usual case reads neither events nor an earlier
     * checkpoint, and validating 100,000 ids for nothing was a twentieth of its CPU.
     */
    StockLevel level(String sku, String warehouseId, Stock stock, Bound bound, boolean fromFirstEvent) {
        Checkpoint start = stock == null || fromFirstEvent ? Checkpoint.NONE : start(sku, warehouseId, stock, bound);
        StockLevel level = new StockLevel(start);
        if (start.sequence() >= bound.last()) {
            return level; // a level at its checkpoint's own sequence number (the audit's usual case) reads no event
        }
        DomainEventStream events = eventStore.readEvents(StockId.of(sku, warehouseId).toString(),
                start.sequence() + 1);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!bound.admits(event.getSequenceNumber(), event.getTimestamp())) {
                break;
            }
            level.apply(event.getPayload());
        }
        return level;
    }

    private Checkpoint start(String sku, String warehouseId, Stock stock, Bound bound) {
        Checkpoint current = stock.current();
        if (bound.admits(current.sequence(), current.timestamp())) {
            return current;
        }
        return stock.earlier().stream().filter(mark -> bound.admits(mark.sequence(), mark.timestamp()))
                .max(Comparator.comparingLong(Mark::sequence))
                .map(mark -> mongo.findById(EarlierCheckpoint.id(StockId.of(sku, warehouseId).toString(),
                        mark.sequence()), EarlierCheckpoint.class))
                .map(EarlierCheckpoint::checkpoint)
                .orElse(Checkpoint.NONE);
    }
}
