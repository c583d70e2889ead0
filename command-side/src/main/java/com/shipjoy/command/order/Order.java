package com.shipjoy.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.events.common.OrderId;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
    /** The contract's order status, as far as this aggregate's own events tell it. */
    private String status;
    private Instant placedAt;
    /** Per sku: units ordered and units reserved so far. */
    private Map<String, Long> ordered = new LinkedHashMap<>();
    private Map<String, Long> allocated = new HashMap<>();

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
        if (!cancelled) {
            apply(new OrderCancelledEvent(orderId, command.reason(), java.util.List.of()));
        }
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event, @Timestamp Instant timestamp) {
        placedAt = timestamp;
        streamId = PlaceOrderCommand.streamId(event.orderId());
        orderId = event.orderId();
        status = "PLACED";
        event.lines().forEach(line -> ordered.put(line.sku().value(), line.quantity().value()));
    }

    @EventSourcingHandler
    void on(OrderLineAllocatedEvent event) {
        allocated.put(event.sku().value(), event.allocatedAfter());
    }

    @EventSourcingHandler
    void on(OrderLineDeallocatedEvent event) {
        allocated.put(event.sku().value(), event.allocatedAfter());
    }

    @EventSourcingHandler
    void on(OrderBackorderedEvent event) {
        status = "BACKORDERED";
    }

    @EventSourcingHandler
    void on(OrderAllocatedEvent event) {
        status = "ALLOCATED";
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        cancelled = true;
        status = "CANCELLED";
    }

    String status() {
        return status;
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
