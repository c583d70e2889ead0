package com.shipjoy.projections.ledger;

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
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The stock ledger: one entry per movement, keyed by event position, so a repeated event overwrites itself. A batch's
 * entries are written together when it ends: one round trip instead of one per movement.
 */
@Component
@ProcessingGroup(ReadModels.STOCK_LEDGER)
class StockLedgerProjection {

    private final MongoTemplate mongo;
    private final BatchWrites<List<MovementDocument>> batch = new BatchWrites<>(ArrayList::new, this::write);

    StockLedgerProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(StockReceivedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.RECEIVED, event.quantity(), event.location().value(),
                null, event.receiptId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockMovedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.MOVED, event.quantity(), event.from().value(),
                event.to().value(), null, event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockCountedEvent event, EventMessage<?> message, TrackingToken token) {
        if (event.variance() != 0) {
            record(message, token, event.stockId(), MovementType.ADJUSTED, Math.abs(event.variance()),
                    event.location().value(), null, event.countId(), event.onHandAfter(), event.reservedAfter());
        }
    }

    @EventHandler
    void on(StockReservedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.RESERVED, event.quantity(), null, null,
                event.orderId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockReleasedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.RELEASED, event.quantity(), null, null,
                event.orderId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockPickedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.PICKED, event.quantity(), event.location().value(),
                Location.OUTBOUND.value(), event.orderId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockShippedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.SHIPPED, event.quantity(), Location.OUTBOUND.value(),
                null, event.orderId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @EventHandler
    void on(StockReturnedEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.RETURNED, event.quantity(), event.location().value(),
                null, event.rmaId().value(), event.onHandAfter(), event.reservedAfter());
    }

    /** Damaged returned units: recorded against the return, on-hand unchanged. */
    @EventHandler
    void on(StockWrittenOffEvent event, EventMessage<?> message, TrackingToken token) {
        record(message, token, event.stockId(), MovementType.WRITTEN_OFF, event.quantity(), null, null,
                event.rmaId().value(), event.onHandAfter(), event.reservedAfter());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), MovementDocument.class);
    }

    private void record(EventMessage<?> message, TrackingToken token, StockId stockId, MovementType type,
                        long quantity, String location, String toLocation, String reference, long onHandAfter,
                        long reservedAfter) {
        Instant timestamp = message.getTimestamp();
        Object actor = message.getMetaData().get("actor");
        MovementDocument entry = new MovementDocument(token.position().orElseThrow(), timestamp,
                stockId.sku().value(), stockId.warehouseId().value(), type.name(), quantity, location, toLocation,
                reference, onHandAfter, reservedAfter, actor != null ? actor.toString() : null);
        batch.change(entries -> entries.add(entry));
    }

    private void write(List<MovementDocument> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MovementDocument.class);
        entries.forEach(entry -> bulk.replaceOne(Query.query(Criteria.where("_id").is(entry.position())), entry,
                FindAndReplaceOptions.options().upsert()));
        bulk.execute();
    }
}
