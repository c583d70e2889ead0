package com.shipjoy.command.allocation;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.utils.CallbackBehavior;

/**
 * The Stock aggregates as the allocation process meets them: the stock-level lookup it plans with (kept in step with
 * every change, as the subscribing handler does in the same transaction) and, as the command bus's callback, the
 * answers to its commands: a reservation takes min(requested, available) and answers how many, a release frees
 * at most what the order holds and answers how many. The methods that change stock answer the event the process
 * would then see.
 */
final class FakeStock implements StockLevelStore, CallbackBehavior {

    static final Location BIN = new Location("A-01");

    private static final class Level {
        long onHand;
        long reserved;
        /** Units the lookup still shows but the aggregate no longer has: a change it has not caught up with. */
        long unseen;
        final Map<String, Long> held = new HashMap<>();
    }

    private final Map<StockId, Level> levels = new LinkedHashMap<>();
    private int receipts;

    private Level level(String warehouseId, String sku) {
        return levels.computeIfAbsent(StockId.of(sku, warehouseId), id -> new Level());
    }

    StockReceivedEvent receive(String warehouseId, String sku, long quantity) {
        Level level = level(warehouseId, sku);
        level.onHand += quantity;
        return new StockReceivedEvent(StockId.of(sku, warehouseId), new ReceiptId("R-" + ++receipts), 0, BIN,
                quantity, level.onHand, level.onHand, level.reserved);
    }

    /** A count that found {@code variance} units more (or fewer) than expected, with no reservation revoked. */
    StockCountedEvent count(String warehouseId, String sku, long variance) {
        Level level = level(warehouseId, sku);
        long expected = level.onHand;
        level.onHand += variance;
        return new StockCountedEvent(StockId.of(sku, warehouseId), "count", BIN, expected, level.onHand, variance,
                "cycle count", level.onHand, level.reserved);
    }

    /** A count found {@code quantity} reserved units missing and revoked them from the order. */
    StockReleasedEvent countShortfall(String warehouseId, String sku, String orderId, long quantity) {
        Level level = level(warehouseId, sku);
        level.onHand -= quantity;
        level.reserved -= quantity;
        level.held.merge(orderId, -quantity, Long::sum);
        return new StockReleasedEvent(StockId.of(sku, warehouseId), new OrderId(orderId), quantity,
                StockReleasedEvent.COUNT_SHORTFALL, level.onHand, level.reserved);
    }

    /** Units leave the aggregate before the lookup the process plans with shows it: the plan will ask for too many. */
    void vanish(String warehouseId, String sku, long quantity) {
        Level level = level(warehouseId, sku);
        level.onHand -= quantity;
        level.unseen += quantity;
    }

    long held(String warehouseId, String sku, String orderId) {
        return level(warehouseId, sku).held.getOrDefault(orderId, 0L);
    }

    @Override
    public Object handle(Object command, MetaData metaData) {
        if (command instanceof ReserveStockCommand reserve) {
            Level level = levels.get(reserve.stockId());
            long got = Math.min(reserve.quantity().value(), level.onHand - level.reserved);
            level.reserved += got;
            level.held.merge(reserve.orderId().value(), got, Long::sum);
            return got;
        }
        if (command instanceof ReleaseStockCommand release) {
            Level level = levels.get(release.stockId());
            long quantity = Math.min(release.quantity().value(),
                    level.held.getOrDefault(release.orderId().value(), 0L));
            level.reserved -= quantity;
            level.held.merge(release.orderId().value(), -quantity, Long::sum);
            return quantity;
        }
        return null;
    }

    @Override
    public List<StockLevelEntry> findBySku(String sku) {
        return levels.entrySet().stream().filter(level -> level.getKey().sku().value().equals(sku))
                .map(level -> new StockLevelEntry(level.getKey().toString(), sku,
                        level.getKey().warehouseId().value(), level.getValue().onHand + level.getValue().unseen,
                        level.getValue().reserved))
                .toList();
    }

    @Override
    public <S extends StockLevelEntry> S save(S entry) {
        throw new UnsupportedOperationException("the lookup's event handlers are not what these tests exercise");
    }
}
