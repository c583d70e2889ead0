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
import com.shipjoy.projections.ReadModels;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Stock levels. Every stock event carries the figures after it, so applying an event twice changes nothing. */
@Component
@ProcessingGroup(ReadModels.INVENTORY)
class InventoryProjection {

    private final MongoTemplate mongo;

    InventoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(StockReceivedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.locationQuantityAfter()));
    }

    @EventHandler
    void on(StockMovedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(), Map.of(
                event.from().value(), event.fromQuantityAfter(), event.to().value(), event.toQuantityAfter()));
    }

    @EventHandler
    void on(StockCountedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.counted()));
    }

    @EventHandler
    void on(StockReservedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    @EventHandler
    void on(StockReleasedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    /** Units go from their bin to OUTBOUND, which shows as a location while it holds any. */
    @EventHandler
    void on(StockPickedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(), Map.of(
                event.location().value(), event.locationQuantityAfter(), Location.OUTBOUND.value(),
                event.outboundAfter()));
    }

    @EventHandler
    void on(StockShippedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(),
                Map.of(Location.OUTBOUND.value(), event.outboundAfter()));
    }

    @EventHandler
    void on(StockReturnedEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(),
                Map.of(event.location().value(), event.locationQuantityAfter()));
    }

    /** Damaged returns never entered stock: the figures stay as they were. */
    @EventHandler
    void on(StockWrittenOffEvent event) {
        update(event.stockId(), event.onHandAfter(), event.reservedAfter(), Map.of());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), InventoryDocument.class);
    }

    private void update(StockId stockId, long onHand, long reserved, Map<String, Long> locationsAfter) {
        String sku = stockId.sku().value();
        InventoryDocument current = mongo.findById(sku, InventoryDocument.class);
        mongo.save((current != null ? current : InventoryDocument.empty(sku))
                .withWarehouse(stockId.warehouseId().value(), onHand, reserved, locationsAfter));
    }
}
