package com.shipjoy.command.allocation;

import com.shipjoy.command.Processes;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.order.LineAllocation;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.RecordAllocationCommand;
import com.shipjoy.events.order.RecordDeallocationCommand;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReturnedEvent;
import com.shipjoy.events.stock.StockShippedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * The OMS → WMS allocation process: reserves stock for new orders, fills backorders oldest first when stock
 * arrives, and releases what a cancelled order held.
 * <p>
 * It runs in one tracking processor with a single segment, so every allocation decision is taken on one thread in
 * the order of the event store: a backorder queued before a receipt is served before an order placed after it, and
 * no two decisions race for the same units. Its state (backorders, reservations), its token and the commands it
 * sends commit in one transaction. Those commands never fail by design (a reservation takes what is free, a
 * cancelled order ignores an allocation), because a failing nested command would roll the whole batch back.
 */
@Component
@ProcessingGroup(Processes.ORDER_ALLOCATION)
class OrderAllocation {

    static final String CANCELLED = "ORDER_CANCELLED";

    private final StockLevels levels;
    private final BackorderStore backorders;
    private final ReservationStore reservations;

    OrderAllocation(StockLevels levels, BackorderStore backorders, ReservationStore reservations) {
        this.levels = levels;
        this.backorders = backorders;
        this.reservations = reservations;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant placedAt, CommandGateway commands) {
        Map<String, Long> needs = new LinkedHashMap<>();
        event.lines().forEach(line -> needs.put(line.sku().value(), line.quantity().value()));
        Pass pass = new Pass(commands);
        needs.keySet().forEach(pass::fillBackorders); // whoever waits for these skus already goes first
        // The turn is placedAt (in milliseconds, then orderId), the order the backorder list shows: the position
        // is not, as racing orders can be stored in another order than they were placed.
        long queuedAt = placedAt.toEpochMilli();
        Map<String, Long> outstanding = pass.allocate(event.orderId(), needs, true, queuedAt);
        outstanding.forEach((sku, quantity) -> backorders.save(new BackorderEntry(event.orderId().value(), sku,
                quantity, queuedAt)));
    }

    @EventHandler
    void on(StockReceivedEvent event, CommandGateway commands) {
        new Pass(commands).fillBackorders(event.stockId().sku().value());
    }

    @EventHandler
    void on(StockCountedEvent event, CommandGateway commands) {
        if (event.variance() > 0) {
            new Pass(commands).fillBackorders(event.stockId().sku().value());
        }
    }

    @EventHandler
    void on(StockReturnedEvent event, CommandGateway commands) {
        new Pass(commands).fillBackorders(event.stockId().sku().value());
    }

    /** Shipped units are no longer reserved: only what the order still holds may be released later. */
    @EventHandler
    void on(StockShippedEvent event) {
        reservations.findById(ReservationEntry.key(event.orderId().value(), event.stockId().sku().value(),
                event.stockId().warehouseId().value())).ifPresent(held -> reduce(held, event.quantity()));
    }

    /**
     * Released units serve the queue. When a count or a short pick took them from an order, that order first
     * rejoins the queue at its original turn, so it is re-allocated from elsewhere or waits as a backorder.
     */
    @EventHandler
    void on(StockReleasedEvent event, CommandGateway commands) {
        String sku = event.stockId().sku().value();
        String warehouseId = event.stockId().warehouseId().value();
        if (StockReleasedEvent.COUNT_SHORTFALL.equals(event.reason())
                || StockReleasedEvent.SHORT_PICK.equals(event.reason())) {
            reservations.findById(ReservationEntry.key(event.orderId().value(), sku, warehouseId)).ifPresent(held -> {
                reduce(held, event.quantity());
                commands.sendAndWait(new RecordDeallocationCommand(event.orderId(), event.stockId().sku(),
                        event.stockId().warehouseId(), Quantity.of(event.quantity()), event.reason()));
                BackorderEntry waiting = backorders.findById(BackorderEntry.key(event.orderId().value(), sku))
                        .orElseGet(() -> new BackorderEntry(event.orderId().value(), sku, 0, held.queuedAt()));
                waiting.add(event.quantity());
                backorders.save(waiting);
            });
        }
        new Pass(commands).fillBackorders(sku);
    }

    @EventHandler
    void on(OrderCancelledEvent event, CommandGateway commands) {
        String orderId = event.orderId().value();
        for (ReservationEntry reservation : reservations.findByOrderId(orderId)) {
            commands.sendAndWait(new ReleaseStockCommand(StockId.of(reservation.sku(), reservation.warehouseId()),
                    event.orderId(), Quantity.of(reservation.quantity()), CANCELLED));
        }
        reservations.deleteAll(reservations.findByOrderId(orderId));
        backorders.deleteAll(backorders.findByOrderId(orderId));
    }

    /** Only what the order still holds may be released when it is cancelled later. */
    private void reduce(ReservationEntry held, long quantity) {
        held.add(-quantity);
        if (held.quantity() > 0) {
            reservations.save(held);
        } else {
            reservations.delete(held);
        }
    }

    /**
     * One event's worth of decisions. The stock-level lookup only changes when this transaction commits, so the
     * units reserved during the pass are subtracted here.
     */
    private final class Pass {

        private final CommandGateway commands;
        private final Map<String, Map<String, Long>> available = new HashMap<>();

        Pass(CommandGateway commands) {
            this.commands = commands;
        }

        void fillBackorders(String sku) {
            for (BackorderEntry waiting : backorders.findBySkuOrderByQueuedAtAscOrderIdAsc(sku)) {
                if (available(sku).isEmpty()) {
                    return;
                }
                long left = allocate(new OrderId(waiting.orderId()), Map.of(sku, waiting.quantity()), false,
                        waiting.queuedAt()).getOrDefault(sku, 0L);
                if (left == 0) {
                    backorders.delete(waiting);
                } else {
                    waiting.reduceBy(waiting.quantity() - left);
                    backorders.save(waiting);
                }
            }
        }

        /** Reserves what the plan proposes, tells the order, and answers what is still outstanding per sku. */
        Map<String, Long> allocate(OrderId orderId, Map<String, Long> needs, boolean alwaysRecord, long queuedAt) {
            Map<String, Map<String, Long>> offer = new HashMap<>();
            needs.keySet().forEach(sku -> offer.put(sku, available(sku)));
            List<LineAllocation> reserved = new ArrayList<>();
            Map<String, Long> outstanding = new LinkedHashMap<>(needs);
            for (LineAllocation planned : AllocationPlanner.plan(needs, offer)) {
                long got = commands.<Long>sendAndWait(new ReserveStockCommand(
                        new StockId(planned.sku(), planned.warehouseId()), orderId, planned.quantity()));
                String sku = planned.sku().value();
                String warehouseId = planned.warehouseId().value();
                if (got < planned.quantity().value()) {
                    // The Stock had less than the lookup said: it has nothing left, so it is not offered again.
                    available(sku).remove(warehouseId);
                } else {
                    available(sku).computeIfPresent(warehouseId, (warehouse, units) -> units - got > 0 ? units - got
                            : null);
                }
                if (got == 0) {
                    continue;
                }
                outstanding.merge(sku, -got, Long::sum);
                reserved.add(new LineAllocation(planned.sku(), planned.warehouseId(), Quantity.of(got)));
                ReservationEntry entry = reservations.findById(ReservationEntry.key(orderId.value(), sku, warehouseId))
                        .orElseGet(() -> new ReservationEntry(orderId.value(), sku, warehouseId, queuedAt));
                entry.add(got);
                reservations.save(entry);
            }
            if (alwaysRecord || !reserved.isEmpty()) {
                commands.sendAndWait(new RecordAllocationCommand(orderId, reserved));
            }
            outstanding.values().removeIf(left -> left == 0);
            return outstanding;
        }

        private Map<String, Long> available(String sku) {
            return available.computeIfAbsent(sku, levels::available);
        }
    }
}
