package com.shipjoy.projections.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderLineDeallocatedEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.order.OrderDocument.Line;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Order summaries. Events carry a line's figures after them, so applying one twice changes nothing. */
@Component
@ProcessingGroup(ReadModels.ORDERS)
class OrderSummaryProjection {

    private final MongoTemplate mongo;
    private final OrderLists lists;

    /** {@code bucketCapacity}: entries per order-list bucket (tests make it tiny to exercise splits). */
    OrderSummaryProjection(MongoTemplate mongo,
                           @Value("${shipjoy.order-lists.bucket-capacity:" + OrderLists.CAPACITY + "}")
                           int bucketCapacity) {
        this.mongo = mongo;
        this.lists = new OrderLists(mongo, bucketCapacity);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at) {
        store(mongo.findById(event.orderId().value(), OrderDocument.class), new OrderDocument(event.orderId().value(), event.channel().value(),
                event.externalOrderId().value(),
                new OrderDocument.Customer(event.customer().customerId().value(), event.customer().name(),
                        event.customer().email()),
                new OrderDocument.ShipTo(event.shipTo().name(), event.shipTo().line1(), event.shipTo().city(),
                        event.shipTo().postalCode(), event.shipTo().country()),
                event.shipPartial(), "PLACED",
                event.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value(),
                        line.unitPrice(), line.currency(), 0, 0, 0, 0, 0)).toList(),
                List.of(), List.of(), at, at));
    }

    @EventHandler
    void on(OrderLineAllocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), null, line -> line.sku().equals(event.sku().value())
                ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line, at);
    }

    @EventHandler
    void on(OrderLineDeallocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), null, line -> line.sku().equals(event.sku().value())
                ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line, at);
    }

    @EventHandler
    void on(OrderBackorderedEvent event, @Timestamp Instant at) {
        update(event.orderId(), "BACKORDERED", line -> line.allocation(line.allocated(),
                event.backordered().getOrDefault(line.sku(), 0L)), at);
    }

    @EventHandler
    void on(OrderAllocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), "ALLOCATED", line -> line.allocation(line.quantity(), 0), at);
    }

    /** Cancelling releases every reservation: nothing stays allocated or waits. */
    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant at) {
        update(event.orderId(), "CANCELLED", line -> line.allocation(0, 0), at);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), OrderDocument.class);
        lists.clear();
    }

    private void update(OrderId orderId, String status, UnaryOperator<Line> change, Instant at) {
        OrderDocument order = mongo.findById(orderId.value(), OrderDocument.class);
        if (order != null) {
            store(order, order.with(status, change, at));
        }
    }

    /**
     * THE ONE WAY AN ORDER DOCUMENT IS WRITTEN. Every handler, present and future, stores an order through here
     * (usually via {@link #update}), never with {@code mongo.save} directly: this is where the order lists that
     * {@code GET /api/orders} and the customer view read ({@link OrderLists}: per status, channel, sku, their
     * combinations and per customer) follow the order's status, channel, skus and customer. A new status needs
     * nothing else. The lists are written first, the order last: a crash in between leaves the old order, so the
     * event, delivered again, sees the same difference and completes the lists (their changes are idempotent).
     */
    private void store(OrderDocument before, OrderDocument after) {
        lists.change(before, after);
        mongo.save(after);
    }
}
