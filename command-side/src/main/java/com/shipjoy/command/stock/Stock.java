package com.shipjoy.command.stock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.stock.CountStockCommand;
import com.shipjoy.events.stock.MoveStockCommand;
import com.shipjoy.events.stock.ReceiveStockCommand;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockMovedEvent;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One sku in one warehouse: on-hand per bin location and what is promised to orders. The consistency boundary that
 * keeps the same unit from being promised twice. Invariants: no location holds a negative quantity, and reserved never
 * exceeds on-hand. Every event carries the figures after it, so read models set values instead of adding them up.
 */
@Aggregate(snapshotTriggerDefinition = "stockSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Stock {

    @AggregateIdentifier
    private StockId stockId;
    private Map<String, Long> locations = new HashMap<>();
    private long reserved;
    /** Per order, in the order the reservations were first made: a count shortfall revokes the newest first. */
    private LinkedHashMap<String, Long> reservations = new LinkedHashMap<>();
    private Set<String> postedReceiptLines = new HashSet<>();

    Stock() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReceiveStockCommand command, WarehouseCatalog catalog) {
        requireBinLocation(catalog, command.stockId(), command.location(), "location");
        if (postedReceiptLines.contains(lineKey(command.receiptId(), command.line()))) {
            return;
        }
        long quantity = command.quantity().value();
        apply(new StockReceivedEvent(command.stockId(), command.receiptId(), command.line(), command.location(),
                quantity, at(command.location()) + quantity, onHand() + quantity, reserved));
    }

    @CommandHandler
    void handle(MoveStockCommand command, WarehouseCatalog catalog) {
        requireBinLocation(catalog, stockId, command.from(), "from");
        requireBinLocation(catalog, stockId, command.to(), "to");
        if (command.from().equals(command.to())) {
            throw RejectedException.invalid("to", "must differ from 'from'");
        }
        long quantity = command.quantity().value();
        long held = at(command.from());
        if (held < quantity) {
            throw RejectedException.conflict("Location " + command.from() + " holds " + held + " of sku "
                    + stockId.sku() + ", fewer than the " + quantity + " to move.");
        }
        apply(new StockMovedEvent(stockId, command.from(), command.to(), quantity, held - quantity,
                at(command.to()) + quantity, onHand(), reserved));
    }

    /**
     * Answers the variance. If on-hand falls below what is reserved, the newest reservations are released first, so
     * that reserved never exceeds on-hand after any single event (read models set figures event by event).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(CountStockCommand command, WarehouseCatalog catalog) {
        requireBinLocation(catalog, command.stockId(), command.location(), "location");
        if (command.countedQuantity() < 0 || command.countedQuantity() > Quantity.MAX) {
            throw RejectedException.invalid("countedQuantity", "must be between 0 and " + Quantity.MAX);
        }
        long expected = at(command.location());
        long variance = command.countedQuantity() - expected;
        long onHandAfter = onHand() + variance;
        List<Map.Entry<String, Long>> newestFirst = new ArrayList<>(reservations.entrySet());
        Collections.reverse(newestFirst);
        for (Map.Entry<String, Long> reservation : newestFirst) {
            long excess = reserved - onHandAfter;
            if (excess <= 0) {
                break;
            }
            long revoked = Math.min(excess, reservation.getValue());
            apply(new StockReleasedEvent(command.stockId(), reservation.getKey(), revoked,
                    StockReleasedEvent.COUNT_SHORTFALL, onHand(), reserved - revoked));
        }
        apply(new StockCountedEvent(command.stockId(), command.countId(), command.location(), expected,
                command.countedQuantity(), variance, command.reason(), onHandAfter, reserved));
        return variance;
    }

    /**
     * Reserves as many of the requested units as are available and answers how many that was (0: no event). The
     * allocation process asks, and the aggregate, which alone knows what is free, decides: never an error to
     * compensate for.
     */
    @CommandHandler
    long handle(ReserveStockCommand command) {
        long quantity = Math.min(command.quantity().value(), available());
        if (quantity > 0) {
            apply(new StockReservedEvent(stockId, command.orderId(), quantity, onHand(), reserved + quantity));
        }
        return quantity;
    }

    @CommandHandler
    void handle(ReleaseStockCommand command) {
        long quantity = command.quantity().value();
        long held = reservations.getOrDefault(command.orderId(), 0L);
        if (held < quantity) {
            throw RejectedException.conflict("Order " + command.orderId() + " holds " + held + " of sku "
                    + stockId.sku() + " in warehouse " + stockId.warehouseId() + ", fewer than " + quantity + ".");
        }
        apply(new StockReleasedEvent(stockId, command.orderId(), quantity, command.reason(), onHand(),
                reserved - quantity));
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        stockId = event.stockId();
        setLocation(event.location(), event.locationQuantityAfter());
        reserved = event.reservedAfter();
        postedReceiptLines.add(lineKey(event.receiptId(), event.line()));
    }

    @EventSourcingHandler
    void on(StockMovedEvent event) {
        setLocation(event.from(), event.fromQuantityAfter());
        setLocation(event.to(), event.toQuantityAfter());
    }

    @EventSourcingHandler
    void on(StockCountedEvent event) {
        stockId = event.stockId();
        setLocation(event.location(), event.counted());
        reserved = event.reservedAfter();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reserved = event.reservedAfter();
        reservations.merge(event.orderId(), event.quantity(), Long::sum);
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reserved = event.reservedAfter();
        long left = reservations.getOrDefault(event.orderId(), 0L) - event.quantity();
        if (left > 0) {
            reservations.put(event.orderId(), left);
        } else {
            reservations.remove(event.orderId());
        }
    }

    private void requireBinLocation(WarehouseCatalog catalog, StockId stock, Location location, String field) {
        if (!catalog.exists(stock.warehouseId())) {
            throw RejectedException.notFound("Unknown warehouse " + stock.warehouseId() + ".");
        }
        if (Location.OUTBOUND.equals(location)) {
            throw RejectedException.invalid(field, "OUTBOUND is the staging location: stock enters it by picking "
                    + "and leaves it by shipping");
        }
        if (!catalog.hasLocation(stock.warehouseId(), location)) {
            throw RejectedException.invalid(field, "unknown location " + location + " in warehouse "
                    + stock.warehouseId());
        }
    }

    private void setLocation(Location location, long quantity) {
        if (quantity == 0) {
            locations.remove(location.value());
        } else {
            locations.put(location.value(), quantity);
        }
    }

    private long at(Location location) {
        return locations.getOrDefault(location.value(), 0L);
    }

    private long onHand() {
        return locations.values().stream().mapToLong(Long::longValue).sum();
    }

    private long available() {
        return onHand() - reserved;
    }

    private static String lineKey(ReceiptId receiptId, int line) {
        return receiptId + "#" + line;
    }
}
