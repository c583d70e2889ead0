package com.shipjoy.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.command.returns.OrderReturns;
import com.shipjoy.command.returns.ReturnIds;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.ConfirmDeliveryCommand;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.OrderDeliveredEvent;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderReleasedEvent;
import com.shipjoy.events.order.OrderShippedEvent;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.order.RecordShipmentCommand;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.events.returns.ExchangeOrder;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.RequestReturnCommand;
import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.warehouse.Created;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.order.CancelOrderCommand;
import com.shipjoy.events.order.LineAllocation;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderLineDeallocatedEvent;
import com.shipjoy.events.order.RecordAllocationCommand;
import com.shipjoy.events.order.RecordDeallocationCommand;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderPlacement;
import com.shipjoy.events.order.PlaceOrderCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** An order taken from a sales channel, once per (channel, externalOrderId). */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Order {

    @AggregateIdentifier
    private String streamId;
    private OrderId orderId;
    private boolean cancelled;
    private Instant placedAt;
    /** Per sku: units ordered, units reserved so far, and units waiting for stock once allocation has tried. */
    private Map<String, Long> ordered = new LinkedHashMap<>();
    private Map<String, Long> allocated = new HashMap<>();
    private Map<String, Long> backordered = new HashMap<>();
    private boolean shipPartial;
    /** Per warehouse, per sku: units reserved there, and units of those released to shipments. */
    private Map<String, TreeMap<String, Long>> allocatedIn = new TreeMap<>();
    private Map<String, TreeMap<String, Long>> releasedIn = new TreeMap<>();
    private int releases;
    /** Released shipments that have not shipped: a cancellation cancels them. */
    private Set<String> openShipments = new LinkedHashSet<>();
    private Set<String> shippedShipments = new HashSet<>();
    private Map<String, Long> shipped = new HashMap<>();
    private boolean delivered;
    /** What an exchange order copies from this one. */
    private Customer customer;
    private ShipTo shipTo;
    private String currency;
    private OrderReturns returns = new OrderReturns();

    Order() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    OrderPlacement handle(PlaceOrderCommand command, OrderIntakes intakes) {
        Optional<OrderIntakes.Intake> taken = intakes.find(command.channel(), command.externalOrderId());
        if (taken.isPresent()) {
            if (taken.get().contentDigest().equals(command.contentDigest())) {
                return new OrderPlacement(taken.get().orderId(), false);
            }
            throw RejectedException.conflict("Order " + command.externalOrderId() + " of channel "
                    + command.channel() + " was already taken, as order " + taken.get().orderId()
                    + ", with other content.");
        }
        if (orderId != null) {
            throw RejectedException.conflict("Order id " + orderId + " is already in use.");
        }
        apply(new OrderPlacedEvent(command.orderId(), command.channel(), command.externalOrderId(),
                command.customer(), command.shipTo(), command.lines(), command.shipPartial(),
                command.contentDigest()));
        return new OrderPlacement(command.orderId(), true);
    }

    /**
     * Whatever stays unallocated after this pass is backordered; a fully allocated order is ALLOCATED. A cancelled
     * order takes nothing: the allocation process releases what it reserved once it reaches the cancellation.
     */
    @CommandHandler
    void handle(RecordAllocationCommand command) {
        if (cancelled) {
            return;
        }
        Map<String, Long> after = new HashMap<>(allocated);
        for (LineAllocation allocation : command.allocations()) {
            String sku = allocation.sku().value();
            if (!ordered.containsKey(sku)) {
                throw RejectedException.conflict("Order " + orderId + " has no line for sku " + sku + ".");
            }
            long total = after.getOrDefault(sku, 0L) + allocation.quantity().value();
            if (total > ordered.get(sku)) {
                throw RejectedException.conflict("Order " + orderId + " ordered " + ordered.get(sku) + " of sku "
                        + sku + ", fewer than the " + total + " allocated.");
            }
            after.put(sku, total);
            apply(new OrderLineAllocatedEvent(orderId, allocation.sku(), allocation.warehouseId(),
                    allocation.quantity().value(), total, ordered.get(sku) - total));
        }
        Map<String, Long> outstanding = outstanding();
        apply(outstanding.isEmpty() ? new OrderAllocatedEvent(orderId) : new OrderBackorderedEvent(orderId,
                outstanding, placedAt));
        if (outstanding.isEmpty() || shipPartial) {
            releaseAllocated();
        }
    }

    /** One shipment per warehouse for what is allocated there and not released yet. */
    private void releaseAllocated() {
        allocatedIn.forEach((warehouse, skus) -> {
            Map<String, Long> lines = new TreeMap<>();
            skus.forEach((sku, units) -> {
                long unreleased = units - releasedIn.getOrDefault(warehouse, new TreeMap<>()).getOrDefault(sku, 0L);
                if (unreleased > 0) {
                    lines.put(sku, unreleased);
                }
            });
            if (!lines.isEmpty()) {
                // Derived from the order and a counter, so a release decided again (a replayed fixture) is the same.
                ShipmentId shipmentId = new ShipmentId(UUID.nameUUIDFromBytes((orderId.value() + "/shipment/"
                        + (releases + 1)).getBytes(StandardCharsets.UTF_8)).toString());
                apply(new OrderReleasedEvent(orderId, shipmentId, new WarehouseId(warehouse), lines, placedAt));
            }
        });
    }

    /** The order waits again for what it lost; never more than it holds, and nothing once cancelled. */
    @CommandHandler
    void handle(RecordDeallocationCommand command) {
        String sku = command.sku().value();
        long lost = Math.min(command.quantity().value(), allocated.getOrDefault(sku, 0L));
        if (cancelled || lost == 0) {
            return;
        }
        long allocatedAfter = allocated.get(sku) - lost;
        apply(new OrderLineDeallocatedEvent(orderId, command.sku(), command.warehouseId(), lost, command.reason(),
                allocatedAfter, ordered.get(sku) - allocatedAfter));
        apply(new OrderBackorderedEvent(orderId, outstanding(), placedAt));
    }

    @CommandHandler
    void handle(CancelOrderCommand command) {
        if (cancelled) {
            return;
        }
        if (!shipped.isEmpty()) {
            throw RejectedException.conflict("Order " + orderId + " has shipped units " + shipped
                    + ": it can no longer be cancelled (open a return instead).");
        }
        apply(new OrderCancelledEvent(orderId, command.reason(), openShipments.stream().map(ShipmentId::new)
                .toList()));
    }

    /** Sent by the fulfillment process when a shipment left; the goods are gone, so it is recorded whatever else. */
    @CommandHandler
    void handle(RecordShipmentCommand command) {
        if (shippedShipments.contains(command.shipmentId().value())) {
            return;
        }
        Map<String, Long> after = new TreeMap<>(shipped);
        command.lines().forEach((sku, units) -> after.merge(sku, units, Long::sum));
        boolean complete = ordered.entrySet().stream().allMatch(line ->
                after.getOrDefault(line.getKey(), 0L) >= line.getValue());
        apply(new OrderShippedEvent(orderId, command.shipmentId(), command.warehouseId(), command.lines(), after,
                complete));
    }

    @CommandHandler
    void handle(ConfirmDeliveryCommand command) {
        if (delivered) {
            return;
        }
        boolean complete = ordered.entrySet().stream().allMatch(line ->
                shipped.getOrDefault(line.getKey(), 0L) >= line.getValue());
        if (cancelled || !complete) {
            throw RejectedException.conflict("Order " + orderId + " is " + status()
                    + ": only a SHIPPED order can be delivered.");
        }
        apply(new OrderDeliveredEvent(orderId, command.deliveredAt()));
    }

    /** Opens a return (RMA) by the rules of {@link OrderReturns}; the same rmaId with the same content repeats. */
    @CommandHandler
    Created handle(RequestReturnCommand command, ReturnIds returnIds) {
        if (returns.repeats(command)) {
            return Created.REPEATED;
        }
        returns.requireAllowed(command, returnIds, orderId, ordered, shipped);
        apply(new ReturnRequestedEvent(orderId, command.rmaId(), command.lines(), command.reason(),
                command.resolution(), command.exchangeLines(), command.contentDigest()));
        return Created.NEW;
    }

    /** The returned goods arrived ({@link OrderReturns#returnedAfter}); an EXCHANGE places its order now. */
    @CommandHandler
    boolean handle(ReceiveReturnCommand command, WarehouseCatalog catalog) {
        Optional<Map<String, Long>> returnedAfter = returns.returnedAfter(command, catalog);
        if (returnedAfter.isEmpty()) {
            return false;
        }
        boolean allReturned = shipped.entrySet().stream().allMatch(line ->
                returnedAfter.get().getOrDefault(line.getKey(), 0L) >= line.getValue());
        apply(new ReturnReceivedEvent(orderId, command.rmaId(), command.warehouseId(), command.lines(),
                returnedAfter.get(), allReturned, returns.exchangeLines(command.rmaId().value())
                .map(lines -> exchangeOrder(command.rmaId().value(), lines)).orElse(null)));
        return true;
    }

    /** Free of charge, in the order's currency, to the same customer and address. */
    private ExchangeOrder exchangeOrder(String rmaId, List<ReturnLine> lines) {
        OrderId exchangeId = new OrderId(UUID.nameUUIDFromBytes(("exchange/" + rmaId)
                .getBytes(StandardCharsets.UTF_8)).toString());
        List<OrderLine> orderLines = new ArrayList<>();
        lines.forEach(line -> orderLines.add(new OrderLine(line.sku(), line.quantity(), "0.00", currency)));
        return new ExchangeOrder(exchangeId, customer, shipTo, orderLines);
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event, @Timestamp Instant timestamp) {
        placedAt = timestamp;
        streamId = PlaceOrderCommand.streamId(event.orderId());
        orderId = event.orderId();
        event.lines().forEach(line -> ordered.put(line.sku().value(), line.quantity().value()));
        shipPartial = event.shipPartial();
        customer = event.customer();
        shipTo = event.shipTo();
        currency = event.lines().get(0).currency();
    }

    @EventSourcingHandler
    void on(OrderLineAllocatedEvent event) {
        allocated.put(event.sku().value(), event.allocatedAfter());
        backordered.put(event.sku().value(), event.backorderedAfter());
        allocatedIn.computeIfAbsent(event.warehouseId().value(), warehouse -> new TreeMap<>())
                .merge(event.sku().value(), event.quantity(), Long::sum);
    }

    /** Units lost in a warehouse are also no longer released there: what replaces them is released anew. */
    @EventSourcingHandler
    void on(OrderLineDeallocatedEvent event) {
        String warehouse = event.warehouseId().value();
        String sku = event.sku().value();
        allocated.put(sku, event.allocatedAfter());
        backordered.put(sku, event.backorderedAfter());
        TreeMap<String, Long> skus = allocatedIn.computeIfAbsent(warehouse, w -> new TreeMap<>());
        long left = Math.max(0, skus.getOrDefault(sku, 0L) - event.quantity());
        skus.put(sku, left);
        releasedIn.computeIfAbsent(warehouse, w -> new TreeMap<>()).computeIfPresent(sku, (s, released) ->
                Math.min(released, left));
    }

    @EventSourcingHandler
    void on(OrderReleasedEvent event) {
        releases++;
        openShipments.add(event.shipmentId().value());
        event.lines().forEach((sku, units) -> releasedIn.computeIfAbsent(event.warehouseId().value(),
                warehouse -> new TreeMap<>()).merge(sku, units, Long::sum));
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        openShipments.remove(event.shipmentId().value());
        shippedShipments.add(event.shipmentId().value());
        shipped.putAll(event.shippedAfter());
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        delivered = true;
    }

    @EventSourcingHandler
    void on(ReturnRequestedEvent event) {
        returns.requested(event);
    }

    @EventSourcingHandler
    void on(ReturnReceivedEvent event) {
        returns.received(event);
    }

    @EventSourcingHandler
    void on(OrderBackorderedEvent event) {
        backordered = new HashMap<>(event.backordered());
    }

    @EventSourcingHandler
    void on(OrderAllocatedEvent event) {
        backordered.clear();
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        cancelled = true;
    }

    /** The status as far as this aggregate's own events tell it: it does not follow its shipments' picking. */
    OrderStatus status() {
        return OrderStatus.of(cancelled, delivered, ordered.entrySet().stream().map(line -> new OrderStatus.Line(
                line.getValue(), allocated.getOrDefault(line.getKey(), 0L), backordered.getOrDefault(line.getKey(),
                0L), shipped.getOrDefault(line.getKey(), 0L), returns.returned(line.getKey()))).toList(),
                List.of());
    }

    /** Units per sku not yet allocated, in line order; skus fully allocated are left out. */
    private Map<String, Long> outstanding() {
        Map<String, Long> outstanding = new LinkedHashMap<>();
        ordered.forEach((sku, quantity) -> {
            long left = quantity - allocated.getOrDefault(sku, 0L);
            if (left > 0) {
                outstanding.put(sku, left);
            }
        });
        return outstanding;
    }
}
