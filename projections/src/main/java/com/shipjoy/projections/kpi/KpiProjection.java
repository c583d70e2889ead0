package com.shipjoy.projections.kpi;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderDeliveredEvent;
import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderLineDeallocatedEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderReleasedEvent;
import com.shipjoy.events.order.OrderShippedEvent;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.stream.ChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The KPI read model: per warehouse and overall, one {@link KpiBucket} per UTC hour, so that a window adds up its
 * hours and never reads an order; the current status counts ({@link KpiOpenOrders}); and a small {@link KpiOrder}
 * per order for the figures that need the order's past. Each figure counts in the hour of the event that defines it:
 * placement figures in the hour of placement (also when the order joins a warehouse later), an order's shipped, cycle
 * time, on-time and perfect figures in the hour its last unit shipped (a damaged return later takes its perfect back
 * in that hour), units shipped, picked, returned and cycle counts in the hour they happened. Order-level figures
 * count in every warehouse the order was ever allocated to; units in the warehouse that moved them.
 */
@Component
@ProcessingGroup(ReadModels.KPIS)
class KpiProjection {

    private final MongoTemplate mongo;
    private final long slaMillis;
    private final BatchWrites<KpiChanges> batch;

    /** {@code slaHours}: an order fully shipped within this many hours of placement is on time. */
    KpiProjection(MongoTemplate mongo, ChangeFeed feed, @Value("${shipjoy.sla.ship-hours:24}") long slaHours) {
        if (slaHours < 0) {
            throw new IllegalArgumentException("shipjoy.sla.ship-hours must not be negative: " + slaHours);
        }
        this.mongo = mongo;
        this.slaMillis = Duration.ofHours(slaHours).toMillis();
        this.batch = BatchWrites.startingFrom(events -> {
            Set<String> orderIds = BatchWrites.ids(events, OrderEvent.class, event -> event.orderId().value());
            orderIds.addAll(BatchWrites.ids(events, FulfillmentEvent.class, event -> event.orderId().value()));
            return new KpiChanges(mongo, feed, orderIds);
        }, KpiChanges::write);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at, TrackingToken token) {
        long position = position(token);
        batch.change(changes -> {
            if (changes.order(event.orderId().value()) != null) {
                return;
            }
            KpiOrder order = changes.placed(event.orderId().value());
            order.position = position;
            order.placedAt = at;
            for (OrderLine line : event.lines()) {
                order.lines.add(new KpiOrder.Line(line.sku().value(), line.quantity().value(), 0, 0, 0, 0));
                order.unitsOrdered += line.quantity().value();
            }
            order.status = OrderStatus.PLACED;
            changes.add(position, null, at, KpiCounter.ORDERS_PLACED, 1);
            changes.add(position, null, at, KpiCounter.UNITS_ORDERED, order.unitsOrdered);
            changes.status(position, null, null, order.status);
        });
    }

    @EventHandler
    void on(OrderLineAllocatedEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> {
            if (!order.decided) {
                order.allocatedAtPlacement += event.quantity();
            }
            join(changes, order, event.warehouseId().value(), position);
            order.lines(line -> line.sku().equals(event.sku().value())
                    ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line);
        });
    }

    @EventHandler
    void on(OrderLineDeallocatedEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> order.lines(line ->
                line.sku().equals(event.sku().value())
                        ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line));
    }

    @EventHandler
    void on(OrderAllocatedEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> {
            order.lines(line -> line.allocation(line.quantity(), 0));
            decided(changes, order, false, position);
        });
    }

    @EventHandler
    void on(OrderBackorderedEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> {
            order.lines(line -> line.allocation(line.allocated(), event.backordered().getOrDefault(line.sku(), 0L)));
            decided(changes, order, event.backordered().values().stream().anyMatch(units -> units > 0), position);
        });
    }

    @EventHandler
    void on(OrderCancelledEvent event, TrackingToken token) {
        Set<String> open = event.openShipments().stream().map(ShipmentId::value).collect(Collectors.toSet());
        update(event.orderId(), token, (changes, order, position) -> {
            order.cancelled = true;
            order.lines(line -> line.allocation(0, 0));
            open.forEach(shipmentId -> order.shipment(shipmentId, null, ShipmentStatus.CANCELLED));
        });
    }

    @EventHandler
    void on(OrderReleasedEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) ->
                order.shipment(event.shipmentId().value(), event.warehouseId().value(), null));
    }

    /** Every shipment event moves its shipment forward; a pick confirmation is also a pick and labor. */
    @EventHandler
    void on(FulfillmentEvent event, @Timestamp Instant at, TrackingToken token) {
        if (event instanceof TaskConfirmedEvent confirmed) {
            long position = position(token);
            long laborMillis = confirmed.assignedAt() == null ? 0
                    : Math.max(0, Duration.between(confirmed.assignedAt(), at).toMillis());
            batch.change(changes -> {
                for (String scope : scopes(confirmed.warehouseId().value())) {
                    changes.add(position, scope, at, KpiCounter.PICKS, 1);
                    changes.add(position, scope, at, KpiCounter.ACCURATE_PICKS, confirmed.shortPick() ? 0 : 1);
                    changes.add(position, scope, at, KpiCounter.UNITS_PICKED, confirmed.picked());
                    changes.add(position, scope, at, KpiCounter.LABOR_MILLIS, laborMillis);
                }
            });
        }
        update(event.orderId(), token, (changes, order, position) -> {
            order.shipment(event.shipmentId().value(), event.warehouseId().value(), ShipmentStatus.after(event));
            order.shortPick |= event instanceof TaskConfirmedEvent confirmed && confirmed.shortPick();
        });
    }

    @EventHandler
    void on(OrderShippedEvent event, @Timestamp Instant at, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> {
            order.lines(line -> line.fulfillment(event.shippedAfter(), Map.of()));
            order.shipment(event.shipmentId().value(), event.warehouseId().value(), ShipmentStatus.SHIPPED);
            long units = event.lines().values().stream().mapToLong(Long::longValue).sum();
            for (String scope : scopes(event.warehouseId().value())) {
                changes.add(position, scope, at, KpiCounter.UNITS_SHIPPED, units);
            }
            if (event.complete() && order.shippedAt == null) {
                shipped(changes, order, at, position);
            }
        });
    }

    @EventHandler
    void on(OrderDeliveredEvent event, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> order.delivered = true);
    }

    /** Units back in the receiving warehouse; a damaged unit spoils the order as a perfect order. */
    @EventHandler
    void on(ReturnReceivedEvent event, @Timestamp Instant at, TrackingToken token) {
        update(event.orderId(), token, (changes, order, position) -> {
            order.lines(line -> line.fulfillment(Map.of(), event.returnedAfter()));
            long units = event.lines().stream().mapToLong(line -> line.quantity().value()).sum();
            for (String scope : scopes(event.warehouseId().value())) {
                changes.add(position, scope, at, KpiCounter.UNITS_RETURNED, units);
            }
            boolean damaged = event.lines().stream().map(ReturnReceiptLine::condition)
                    .anyMatch(ReturnCondition.DAMAGED::equals);
            if (damaged && !order.damagedReturn) {
                order.damagedReturn = true;
                if (order.perfect) {
                    order.perfect = false;
                    for (String scope : scopes(order)) {
                        changes.add(position, scope, order.shippedAt, KpiCounter.PERFECT_ORDERS, -1);
                    }
                }
            }
        });
    }

    /** Cycle counts only: a short pick's adjustment is a count by the picker, measured by pick accuracy. */
    @EventHandler
    void on(StockCountedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (StockCountedEvent.SHORT_PICK.equals(event.reason())) {
            return;
        }
        long position = position(token);
        batch.change(changes -> {
            for (String scope : scopes(event.stockId().warehouseId().value())) {
                changes.add(position, scope, at, KpiCounter.COUNTS, 1);
                changes.add(position, scope, at, KpiCounter.ACCURATE_COUNTS, event.variance() == 0 ? 1 : 0);
            }
        });
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), KpiBucket.class);
        mongo.remove(new Query(), KpiOpenOrders.class);
        mongo.remove(new Query(), KpiOrder.class);
    }

    /** A change of a placed order's state, at most once per event; afterwards its status is counted anew. */
    private interface OrderChange {
        void apply(KpiChanges changes, KpiOrder order, long position);
    }

    private void update(OrderId orderId, TrackingToken token, OrderChange change) {
        long position = position(token);
        batch.change(changes -> {
            KpiOrder order = changes.order(orderId.value());
            if (order == null || order.storedPosition >= position) {
                return;
            }
            change.apply(changes, order, position);
            order.position = position;
            OrderStatus status = order.derivedStatus();
            if (status != order.status) {
                for (String scope : scopes(order)) {
                    changes.status(position, scope, order.status, status);
                }
                order.status = status;
            }
        });
    }

    /**
     * "At placement" is the first allocation decision after placement: its allocated units and whether it
     * backordered any; it counts in the warehouses the order has by then.
     */
    private static void decided(KpiChanges changes, KpiOrder order, boolean backordered, long position) {
        if (order.decided) {
            return;
        }
        order.decided = true;
        order.backorderedAtPlacement = backordered;
        changes.add(position, null, order.placedAt, KpiCounter.UNITS_ALLOCATED_AT_PLACEMENT,
                order.allocatedAtPlacement);
        changes.add(position, null, order.placedAt, KpiCounter.ORDERS_BACKORDERED_AT_PLACEMENT, backordered ? 1 : 0);
        order.warehouses.forEach(warehouseId -> placement(changes, order, warehouseId, position));
    }

    /** The order counts in {@code warehouseId} from now on, with its status and, once decided, its placement. */
    private static void join(KpiChanges changes, KpiOrder order, String warehouseId, long position) {
        if (order.warehouses.contains(warehouseId)) {
            return;
        }
        order.warehouses.add(warehouseId);
        changes.status(position, warehouseId, null, order.status);
        if (order.decided) {
            placement(changes, order, warehouseId, position);
        }
    }

    private static void placement(KpiChanges changes, KpiOrder order, String warehouseId, long position) {
        changes.add(position, warehouseId, order.placedAt, KpiCounter.ORDERS_PLACED, 1);
        changes.add(position, warehouseId, order.placedAt, KpiCounter.UNITS_ORDERED, order.unitsOrdered);
        changes.add(position, warehouseId, order.placedAt, KpiCounter.UNITS_ALLOCATED_AT_PLACEMENT,
                order.allocatedAtPlacement);
        changes.add(position, warehouseId, order.placedAt, KpiCounter.ORDERS_BACKORDERED_AT_PLACEMENT,
                order.backorderedAtPlacement ? 1 : 0);
    }

    /** The order's last unit shipped at {@code at}. */
    private void shipped(KpiChanges changes, KpiOrder order, Instant at, long position) {
        order.shippedAt = at;
        long cycleMillis = Math.max(0, Duration.between(order.placedAt, at).toMillis());
        boolean onTime = cycleMillis <= slaMillis;
        order.perfect = onTime && !order.shortPick && !order.damagedReturn && order.oneShipmentPerWarehouse();
        for (String scope : scopes(order)) {
            changes.add(position, scope, at, KpiCounter.ORDERS_SHIPPED, 1);
            changes.add(position, scope, at, KpiCounter.CYCLE_MILLIS, cycleMillis);
            changes.cycleTime(position, scope, at, cycleMillis);
            changes.add(position, scope, at, KpiCounter.ORDERS_ON_TIME, onTime ? 1 : 0);
            changes.add(position, scope, at, KpiCounter.PERFECT_ORDERS, order.perfect ? 1 : 0);
        }
    }

    /** Overall (null) and the order's warehouses. */
    private static List<String> scopes(KpiOrder order) {
        List<String> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.addAll(order.warehouses);
        return scopes;
    }

    /** Overall (null) and one warehouse. */
    private static List<String> scopes(String warehouseId) {
        List<String> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.add(warehouseId);
        return scopes;
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }
}
