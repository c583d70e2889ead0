package com.shipjoy.projections.audit;

import com.shipjoy.events.stock.StockFigures;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.projections.BatchReads;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.audit.StockCheckpoints.Mark;
import com.shipjoy.projections.audit.StockCheckpoints.Stock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The audit checkpoints ({@link StockCheckpoints}): every {@code Stock}'s level by the auditors' arithmetic
 * ({@link StockLevel}), now and every {@code shipjoy.audit.checkpoint-interval} sequence numbers, so that as-of and
 * the consistency audit read a few events of a stream instead of all of it. A movement at or below the sequence
 * number a {@code Stock} has applied changes nothing (events delivered again); earlier checkpoints are written before
 * the document that points at them.
 */
@Component
@ProcessingGroup(ReadModels.STOCK_CHECKPOINTS)
class StockCheckpointProjection {

    private final MongoTemplate mongo;
    private final long interval;
    private final BatchWrites<Batch> batch;

    /**
     * The skus a batch changed, as it leaves them, the earlier checkpoints it made, and the stored checkpoints of the
     * skus its events name.
     */
    private static final class Batch {
        final Map<String, StockCheckpoints> skus = new LinkedHashMap<>();
        final List<EarlierCheckpoint> earlier = new ArrayList<>();
        final BatchReads<StockCheckpoints> stored;

        Batch(BatchReads<StockCheckpoints> stored) {
            this.stored = stored;
        }
    }

    StockCheckpointProjection(MongoTemplate mongo,
                              @Value("${shipjoy.audit.checkpoint-interval:250}") long interval) {
        this.mongo = mongo;
        this.interval = interval;
        this.batch = BatchWrites.startingFrom(events -> new Batch(new BatchReads<>(mongo, StockCheckpoints.class,
                BatchWrites.ids(events, StockFigures.class, event -> event.stockId().sku().value()),
                StockCheckpoints::sku)), this::write);
    }

    @EventHandler
    void on(StockFigures event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        StockId stockId = event.stockId();
        String sku = stockId.sku().value();
        String warehouseId = stockId.warehouseId().value();
        batch.change(state -> {
            StockCheckpoints checkpoints = state.skus.computeIfAbsent(sku, key -> stored(state, key));
            Stock stock = checkpoints.warehouses().stream()
                    .filter(candidate -> candidate.warehouseId().equals(warehouseId)).findFirst()
                    .orElseGet(() -> new Stock(warehouseId, position(), Checkpoint.NONE, List.of()));
            Checkpoint current = stock.current();
            if (sequence <= current.sequence()) {
                return;
            }
            StockLevel level = new StockLevel(current);
            if (!level.apply(event)) {
                return;
            }
            Instant newest = current.timestamp().isAfter(timestamp) ? current.timestamp() : upToMillis(timestamp);
            Checkpoint after = level.checkpoint(sequence, newest);
            List<Mark> earlier = stock.earlier();
            if (sequence / interval > current.sequence() / interval) {
                state.earlier.add(new EarlierCheckpoint(EarlierCheckpoint.id(stockId.toString(), sequence), after));
                earlier = new ArrayList<>(earlier);
                earlier.add(new Mark(sequence, newest));
            }
            List<Stock> warehouses = new ArrayList<>(checkpoints.warehouses().stream()
                    .filter(other -> !other.warehouseId().equals(warehouseId)).toList());
            warehouses.add(new Stock(warehouseId, stock.firstPosition(), after, earlier));
            warehouses.sort(Comparator.comparing(Stock::warehouseId));
            state.skus.put(sku, new StockCheckpoints(sku, warehouses));
        });
    }

    /**
     * MongoDB keeps milliseconds: rounded up, a checkpoint is never taken for older than its newest movement (at
     * worst an instant in the same millisecond starts from the checkpoint before).
     */
    private static Instant upToMillis(Instant timestamp) {
        Instant millis = timestamp.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(timestamp) ? millis : millis.plusMillis(1);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), StockCheckpoints.class);
        mongo.remove(new Query(), EarlierCheckpoint.class);
    }

    private static StockCheckpoints stored(Batch state, String sku) {
        StockCheckpoints stored = state.stored.get(sku);
        return stored != null ? stored : new StockCheckpoints(sku, List.of());
    }

    /** The event-store position of the event being handled; null when it was not read from the store. */
    private static Long position() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> event) {
            OptionalLong position = event.trackingToken().position();
            return position.isPresent() ? position.getAsLong() : null;
        }
        return null;
    }

    private void write(Batch state) {
        if (!state.earlier.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, EarlierCheckpoint.class);
            state.earlier.forEach(checkpoint -> bulk.replaceOne(Query.query(Criteria.where("_id")
                    .is(checkpoint.id())), checkpoint, FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        if (!state.skus.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, StockCheckpoints.class);
            state.skus.values().forEach(checkpoints -> bulk.replaceOne(Query.query(Criteria.where("_id")
                    .is(checkpoints.sku())), checkpoints, FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
    }
}
