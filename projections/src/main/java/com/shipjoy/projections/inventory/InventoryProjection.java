package com.shipjoy.projections.inventory;

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
import com.shipjoy.events.stock.StockFigures;
import com.shipjoy.projections.BatchReads;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.stream.ChangeFeed;
import com.shipjoy.projections.stream.View;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Stock levels. Every stock event carries the figures after it, so applying an event twice changes nothing. A batch's
 * levels are written once each when it ends, then handed to the live streams.
 */
@Component
@ProcessingGroup(ReadModels.INVENTORY)
class InventoryProjection {

    private final MongoTemplate mongo;
    private final ChangeFeed feed;
    private final BatchWrites<Batch> batch;

    /** The levels a batch changed, by sku, and the stored levels of the skus its events name. */
    private record Batch(BatchReads<InventoryDocument> stored, Map<String, Level> levels) {

        Batch(BatchReads<InventoryDocument> stored) {
            this(stored, new LinkedHashMap<>());
        }
    }

    /**
     * A sku's level as the batch leaves it, the warehouses the batch changed it in (a stream's scope) and the position
     * of the last event that changed it (empty: nothing to stream, a replay).
     */
    private record Level(InventoryDocument after, Set<String> warehouses, OptionalLong position) {
    }

    InventoryProjection(MongoTemplate mongo, ChangeFeed feed) {
        this.mongo = mongo;
        this.feed = feed;
        this.batch = BatchWrites.startingFrom(events -> new Batch(new BatchReads<>(mongo, InventoryDocument.class,
                BatchWrites.ids(events, StockFigures.class, event -> event.stockId().sku().value()),
                InventoryDocument::sku)), this::write);
    }

    @EventHandler
    void on(StockReceivedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.locationQuantityAfter()));
    }

    @EventHandler
    void on(StockMovedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(), Map.of(
                event.from().value(), event.fromQuantityAfter(), event.to().value(), event.toQuantityAfter()));
    }

    @EventHandler
    void on(StockCountedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.counted()));
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    /** Units go from their bin to OUTBOUND, which shows as a location while it holds any. */
    @EventHandler
    void on(StockPickedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(), Map.of(
                event.location().value(), event.locationQuantityAfter(), Location.OUTBOUND.value(),
                event.outboundAfter()));
    }

    @EventHandler
    void on(StockShippedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(),
                Map.of(Location.OUTBOUND.value(), event.outboundAfter()));
    }

    @EventHandler
    void on(StockReturnedEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.locationQuantityAfter()));
    }

    /** Damaged returns never entered stock: the figures stay as they were. */
    @EventHandler
    void on(StockWrittenOffEvent event, @SequenceNumber long sequence) {
        update(event.stockId(), sequence, event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), InventoryDocument.class);
    }

    private void update(StockId stockId, long sequence, long onHand, long reserved, Map<String, Long> locationsAfter) {
        String sku = stockId.sku().value();
        String warehouseId = stockId.warehouseId().value();
        batch.change(state -> {
            Map<String, Level> levels = state.levels();
            Level level = levels.get(sku);
            if (level == null) {
                InventoryDocument stored = state.stored().get(sku);
                level = new Level(stored != null ? stored : InventoryDocument.empty(sku), new TreeSet<>(),
                        OptionalLong.empty());
            }
            level.warehouses().add(warehouseId);
            levels.put(sku, new Level(level.after().withWarehouse(warehouseId, sequence, onHand, reserved,
                    locationsAfter), level.warehouses(), ChangeFeed.position()));
        });
    }

    private void write(Batch state) {
        Map<String, Level> levels = state.levels();
        if (levels.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, InventoryDocument.class);
        levels.values().forEach(level -> bulk.replaceOne(Query.query(Criteria.where("_id").is(level.after().sku())),
                level.after(), FindAndReplaceOptions.options().upsert()));
        bulk.execute();
        feed.publish(View.INVENTORY, levels.values().stream().filter(level -> level.position().isPresent())
                .sorted(Comparator.comparingLong(level -> level.position().getAsLong()))
                .map(level -> feed.change(level.position().getAsLong(), level.after().sku(),
                        List.copyOf(level.warehouses()), level.after()))
                .toList());
    }
}
