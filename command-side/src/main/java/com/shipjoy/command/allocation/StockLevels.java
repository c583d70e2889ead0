package com.shipjoy.command.allocation;

import com.shipjoy.command.Lookups;
import com.shipjoy.events.stock.StockFigures;
import com.shipjoy.events.stock.StockId;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Available units per sku and warehouse, for planning allocations. Kept by a subscribing processor in the
 * transaction of each stock event, so it is never behind the Stock aggregates; they still have the last word, as a
 * plan only proposes reservations.
 */
@Component
@ProcessingGroup(Lookups.STOCK_LEVELS)
class StockLevels {


    private final StockLevelStore entries;

    StockLevels(StockLevelStore entries) {
        this.entries = entries;
    }

    /** Available units of the sku per warehouse, by warehouse id; warehouses with none are left out. */
    Map<String, Long> available(String sku) {
        Map<String, Long> available = new TreeMap<>();
        entries.findBySku(sku).stream().filter(level -> level.available() > 0)
                .forEach(level -> available.put(level.warehouseId(), level.available()));
        return available;
    }

    /** Every stock event carries the figures after it: setting them is idempotent. */
    @EventHandler
    void on(StockFigures event) {
        set(event.stockId(), event.onHandAfter(), event.reservedAfter());
    }

    private void set(StockId stockId, long onHand, long reserved) {
        entries.save(new StockLevelEntry(stockId.toString(), stockId.sku().value(), stockId.warehouseId().value(),
                onHand, reserved));
    }
}
