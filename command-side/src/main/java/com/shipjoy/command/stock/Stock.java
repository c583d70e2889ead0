package com.shipjoy.command.stock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.stock.CountStockCommand;
import com.shipjoy.events.stock.MoveStockCommand;
import com.shipjoy.events.stock.PickLocation;
import com.shipjoy.events.stock.PickOutcome;
import com.shipjoy.events.stock.PickPlanClosedEvent;
import com.shipjoy.events.stock.PickStockCommand;
import com.shipjoy.events.stock.PicksPlannedEvent;
import com.shipjoy.events.stock.PlanPicksCommand;
import com.shipjoy.events.stock.ReceiveStockCommand;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.ReturnStockCommand;
import com.shipjoy.events.stock.ShipStockCommand;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One sku in one warehouse: on-hand per bin location and what is promised to orders. The consistency boundary that
 * keeps the same unit from being promised twice. Invariants: no location holds a negative quantity, and reserved never
 * exceeds on-hand. Every event carries the figures after it, so read models set values instead of adding them up.
 * <p>
 * Picking: units in bins are held for an order's pick tasks when its shipment is released (plans), so two tasks
 * never send pickers to the same units and a move cannot take them; a pick moves them to OUTBOUND, where they stay
 * reserved, per order and bin of origin, until they ship or the order is cancelled (then they go back to their bins).
 * What each order holds at each step is kept in {@link Reservations}.
 * <p>
 * Snapshots hold the fields as Jackson writes them. The revision names their shape and must be raised whenever the
 * fields change: Axon's snapshot filter then passes over older snapshots and the Stock is rebuilt from its events.
 * Read into new fields by the application's lenient ObjectMapper, an older snapshot would load with state missing.
 */
@Aggregate(snapshotTriggerDefinition = "stockSnapshotTrigger", cache = "stockCache")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Stock {

    @AggregateIdentifier
    private StockId stockId;
    private Map<String, Long> locations = new HashMap<>();
    private long reserved;
    private Reservations reservations = new Reservations();
    /** Receipt and return lines already posted, so that a line posted again changes nothing. */
    private Set<String> postedLines = new HashSet<>();

    Stock() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReceiveStockCommand command, WarehouseCatalog catalog) {
        requireBinLocation(catalog, command.stockId(), command.location(), "location");
        if (postedLines.contains(receiptLineKey(command.receiptId(), command.line()))) {
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
        long forTasks = reservations.plannedAt(command.from().value());
        if (held - forTasks < quantity) {
            throw RejectedException.conflict("Location " + command.from() + " holds " + held + " of sku "
                    + stockId.sku() + ", of which " + forTasks + " are held for open pick tasks: fewer than the "
                    + quantity + " to move.");
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
        revokeNewestWhile(() -> reserved - onHandAfter, null, StockReleasedEvent.COUNT_SHORTFALL);
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

    /**
     * Releases up to {@code quantity} of what the order holds and answers how many (0: no event). The allocation
     * process sends it, and a count or a short pick may have taken the units from the order since it decided:
     * releasing what is left is then the whole job, not an error that would stop the process.
     */
    @CommandHandler
    long handle(ReleaseStockCommand command) {
        long quantity = Math.min(command.quantity().value(), reservations.reservedBy(command.orderId()));
        if (quantity > 0) {
            release(command.orderId(), quantity, command.reason());
        }
        return quantity;
    }

    /**
     * Holds bins for an order's pick tasks: at most what the order has reserved and neither picked nor planned yet,
     * from bins in walking order (by name), skipping units held for other tasks. Answers the plan.
     */
    @CommandHandler
    List<PickLocation> handle(PlanPicksCommand command) {
        OrderId orderId = command.orderId();
        long wanted = Math.min(command.quantity().value(),
                reservations.unpicked(orderId) - reservations.plannedBy(orderId));
        List<PickLocation> plan = new ArrayList<>();
        for (Map.Entry<String, Long> bin : new TreeMap<>(locations).entrySet()) {
            long free = bin.getKey().equals(Location.OUTBOUND.value()) ? 0
                    : bin.getValue() - reservations.plannedAt(bin.getKey());
            long take = Math.min(wanted, free);
            if (take > 0) {
                plan.add(new PickLocation(new Location(bin.getKey()), take));
                wanted -= take;
            }
        }
        if (!plan.isEmpty()) {
            apply(new PicksPlannedEvent(stockId, orderId, command.shipmentId(), plan));
        }
        return plan;
    }

    /**
     * A confirmed pick. Short (fewer than expected), or more than the bin is known to hold: the bin is adjusted to
     * what was found, all of which was taken. If on-hand then falls below what is reserved, the picking order gives
     * up its missing units first, then the newest other reservations. Of its missing units, what the order still
     * holds is to be picked from other bins.
     */
    @CommandHandler
    PickOutcome handle(PickStockCommand command) {
        OrderId orderId = command.orderId();
        Location bin = command.location();
        long found = command.picked();
        long held = Math.min(command.expected(), reservations.plannedBy(orderId, bin.value()));
        if (held > 0) {
            apply(new PickPlanClosedEvent(stockId, orderId, command.shipmentId(), command.taskId(), bin, held));
        }
        long recorded = at(bin);
        boolean adjust = (found < command.expected() || recorded < found) && found != recorded;
        long onHandAfter = onHand() + (adjust ? found - recorded : 0);
        long missing = Math.max(0, command.expected() - found);
        long heldUnpicked = reservations.unpicked(orderId);
        // A cancellation can overtake a confirmation: units nobody holds reserved stay in their bin.
        long toOutbound = Math.min(found, Math.max(0, heldUnpicked));
        // Reservations are given up before the adjustment, so that reserved never exceeds on-hand after any event.
        long released = Math.min(Math.min(missing, heldUnpicked - toOutbound), Math.max(0, reserved - onHandAfter));
        if (released > 0) {
            release(orderId, released, StockReleasedEvent.SHORT_PICK);
        }
        revokeNewestWhile(() -> reserved - onHandAfter, orderId, StockReleasedEvent.COUNT_SHORTFALL);
        if (adjust) {
            apply(new StockCountedEvent(stockId, command.taskId().value(), bin, recorded, found, found - recorded,
                    StockCountedEvent.SHORT_PICK, onHandAfter, reserved));
        }
        if (toOutbound > 0) {
            apply(new StockPickedEvent(stockId, orderId, command.shipmentId(), command.taskId(), bin, toOutbound,
                    at(bin) - toOutbound, at(Location.OUTBOUND) + toOutbound, onHand(), reserved));
        }
        return new PickOutcome(toOutbound, Math.max(0, Math.min(missing - released, reservations.unpicked(orderId))),
                released);
    }

    /** Units of an order leave from OUTBOUND; never more than it has there (a cancelled order has none). */
    @CommandHandler
    long handle(ShipStockCommand command) {
        long quantity = Math.min(command.quantity().value(), Math.min(reservations.pickedBy(command.orderId()),
                reservations.reservedBy(command.orderId())));
        if (quantity > 0) {
            apply(new StockShippedEvent(stockId, command.orderId(), command.shipmentId(), quantity,
                    at(Location.OUTBOUND) - quantity, onHand() - quantity, reserved - quantity));
        }
        return quantity;
    }

    /** A returned line: sellable units into a bin, damaged ones written off. Posting a line twice changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReturnStockCommand command, WarehouseCatalog catalog) {
        requireBinLocation(catalog, command.stockId(), command.location(), "location");
        String key = returnLineKey(command.rmaId(), command.line());
        if (postedLines.contains(key)) {
            return;
        }
        long quantity = command.quantity().value();
        if (command.condition() == ReturnCondition.SELLABLE) {
            apply(new StockReturnedEvent(command.stockId(), command.rmaId(), command.line(), command.orderId(),
                    command.location(), quantity, at(command.location()) + quantity, onHand() + quantity, reserved));
        } else {
            apply(new StockWrittenOffEvent(command.stockId(), command.rmaId(), command.line(), command.orderId(),
                    quantity, onHand(), reserved));
        }
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        stockId = event.stockId();
        setLocation(event.location(), event.locationQuantityAfter());
        reserved = event.reservedAfter();
        postedLines.add(receiptLineKey(event.receiptId(), event.line()));
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
        reservations.reserve(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reserved = event.reservedAfter();
        reservations.release(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(PicksPlannedEvent event) {
        event.picks().forEach(pick -> reservations.plan(event.orderId(), pick.location().value(), pick.quantity()));
    }

    @EventSourcingHandler
    void on(PickPlanClosedEvent event) {
        reservations.closePlan(event.orderId(), event.location().value(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockPickedEvent event) {
        setLocation(event.location(), event.locationQuantityAfter());
        setLocation(Location.OUTBOUND, event.outboundAfter());
        reservations.pick(event.orderId(), event.location().value(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockShippedEvent event) {
        setLocation(Location.OUTBOUND, event.outboundAfter());
        reserved = event.reservedAfter();
        reservations.ship(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockReturnedEvent event) {
        stockId = event.stockId();
        setLocation(event.location(), event.locationQuantityAfter());
        postedLines.add(returnLineKey(event.rmaId(), event.line()));
    }

    @EventSourcingHandler
    void on(StockWrittenOffEvent event) {
        stockId = event.stockId();
        postedLines.add(returnLineKey(event.rmaId(), event.line()));
    }

    /**
     * Releases an order's units; picked units beyond what it keeps go back from OUTBOUND to their bins first, so
     * OUTBOUND only ever holds reserved units.
     */
    private void release(OrderId orderId, long quantity, String reason) {
        long keeps = reservations.reservedBy(orderId) - quantity;
        reservations.picksBeyond(orderId, keeps).forEach((bin, units) -> {
            Location to = new Location(bin);
            apply(new StockMovedEvent(stockId, Location.OUTBOUND, to, units, at(Location.OUTBOUND) - units,
                    at(to) + units, onHand(), reserved));
        });
        apply(new StockReleasedEvent(stockId, orderId, quantity, reason, onHand(), reserved - quantity));
    }

    /**
     * Revokes the newest reservations first, but {@code spared}'s, while {@code excess} is positive. Only units not
     * picked yet are revoked: picked ones are on hand at OUTBOUND, so the unpicked ones always cover a shortfall in
     * the bins, and no revocation moves units back into a bin while it is being adjusted.
     */
    private void revokeNewestWhile(LongSupplier excess, OrderId spared, String reason) {
        for (OrderId orderId : reservations.newestFirst()) {
            long over = excess.getAsLong();
            if (over <= 0) {
                break;
            }
            long unpicked = reservations.unpicked(orderId);
            if (orderId.equals(spared) || unpicked <= 0) {
                continue;
            }
            release(orderId, Math.min(over, unpicked), reason);
        }
    }

    private static String returnLineKey(RmaId rmaId, int line) {
        return "rma:" + rmaId + "#" + line;
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

    private static String receiptLineKey(ReceiptId receiptId, int line) {
        return receiptId + "#" + line;
    }
}
