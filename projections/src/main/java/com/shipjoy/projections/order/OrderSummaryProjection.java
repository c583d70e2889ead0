package com.shipjoy.projections.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.fulfillment.PickOutcomeRecordedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderDeliveredEvent;
import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderLineDeallocatedEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderReleasedEvent;
import com.shipjoy.events.order.OrderShippedEvent;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.returns.ReturnStatus;
import com.shipjoy.projections.BatchReads;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModelCollections;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.ReplayCompletion;
import com.shipjoy.projections.order.OrderDocument.Line;
import com.shipjoy.projections.order.OrderDocument.Return;
import com.shipjoy.projections.order.OrderDocument.Shipment;
import com.shipjoy.projections.stream.ChangeFeed;
import com.shipjoy.projections.stream.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Order summaries. Events carry a line's figures after them, picks are kept per task, and shipment statuses only move
 * forward, so applying an event twice changes nothing. Every write goes through {@link #save}, which derives the
 * status from the document and keeps the order lists.
 */
@Component
@ProcessingGroup(ReadModels.ORDERS)
class OrderSummaryProjection implements ReplayCompletion {

    private final MongoTemplate mongo;
    private final OrderLists lists;
    private final ChangeFeed feed;
    private final BatchWrites<Batch> batch;

    /**
     * The orders a batch changed, by id, written once each when the batch ends (see {@link #write}), and the stored
     * orders its events name, read in one query.
     */
    private record Batch(BatchReads<OrderDocument> stored, Map<String, Change> orders) {
    }

    /**
     * An order as stored before this batch (null: new; what the lists show) and as the batch leaves it, with the
     * position of the batch's last event that changed it (empty when there is nothing to stream: a replay).
     */
    private record Change(OrderDocument before, OrderDocument after, OptionalLong position) {
    }

    /** {@code bucketCapacity}: entries per order-list bucket (tests make it tiny to exercise splits). */
    OrderSummaryProjection(MongoTemplate mongo,
                           @Value("${shipjoy.order-lists.bucket-capacity:" + OrderLists.CAPACITY + "}")
                           int bucketCapacity, ChangeFeed feed) {
        this.mongo = mongo;
        this.lists = new OrderLists(mongo, bucketCapacity);
        this.feed = feed;
        this.batch = BatchWrites.startingFrom(events -> {
            Set<String> ids = BatchWrites.ids(events, OrderEvent.class, event -> event.orderId().value());
            ids.addAll(BatchWrites.ids(events, FulfillmentEvent.class, event -> event.orderId().value()));
            return new Batch(new BatchReads<>(mongo, OrderDocument.class, ids, OrderDocument::orderId),
                    new LinkedHashMap<>());
        }, this::write);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at) {
        batch.change(state -> save(state, touched(state, event.orderId().value()), new OrderDocument(
                event.orderId().value(), event.channel().value(),
                event.externalOrderId().value(),
                new OrderDocument.Customer(event.customer().customerId().value(), event.customer().name(),
                        event.customer().email()),
                new OrderDocument.ShipTo(event.shipTo().name(), event.shipTo().line1(), event.shipTo().city(),
                        event.shipTo().postalCode(), event.shipTo().country()),
                event.shipPartial(), OrderStatus.PLACED,
                event.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value(),
                        line.unitPrice(), line.currency(), 0, 0, 0, 0, 0)).toList(),
                List.of(), List.of(), at, at, null, null, List.of()), at));
    }

    @EventHandler
    void on(OrderLineAllocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.withLines(line -> line.sku().equals(event.sku().value())
                ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line), at);
    }

    @EventHandler
    void on(OrderLineDeallocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.withLines(line -> line.sku().equals(event.sku().value())
                ? line.allocation(event.allocatedAfter(), event.backorderedAfter()) : line), at);
    }

    @EventHandler
    void on(OrderBackorderedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.withLines(line -> line.allocation(line.allocated(),
                event.backordered().getOrDefault(line.sku(), 0L))), at);
    }

    @EventHandler
    void on(OrderAllocatedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.withLines(line -> line.allocation(line.quantity(), 0)), at);
    }

    /** Cancelling releases every reservation (nothing stays allocated or waits) and cancels the open shipments. */
    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant at) {
        Set<String> open = event.openShipments().stream().map(ShipmentId::value).collect(Collectors.toSet());
        update(event.orderId(), order -> order.withLines(line -> line.allocation(0, 0))
                .withShipments(order.shipments().stream().map(shipment -> open.contains(shipment.shipmentId())
                        ? status(shipment, ShipmentStatus.CANCELLED) : shipment).toList())
                .cancelled(at), at);
    }

    @EventHandler
    void on(OrderReleasedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> shipment(order, event.shipmentId().value(), event.warehouseId().value(),
                UnaryOperator.identity()), at);
    }

    /** Every shipment event moves its shipment's status forward; shipping also names carrier and tracking number. */
    @EventHandler
    void on(FulfillmentEvent event, @Timestamp Instant at) {
        ShipmentStatus next = ShipmentStatus.after(event);
        update(event.orderId(), order -> {
            OrderDocument changed = shipment(order, event.shipmentId().value(), event.warehouseId().value(),
                    shipment -> {
                        Shipment moved = status(shipment, next);
                        return event instanceof ShipmentShippedEvent shipped ? new Shipment(moved.shipmentId(),
                                moved.warehouseId(), moved.status(), shipped.carrier(), shipped.trackingNumber())
                                : moved;
                    });
            // What reached OUTBOUND, as the Stock took it: the figure packing is checked against.
            return event instanceof PickOutcomeRecordedEvent picked ? changed.withPick(new OrderDocument.Pick(
                    picked.taskId().value(), picked.sku().value(), picked.picked())) : changed;
        }, at);
    }

    @EventHandler
    void on(OrderShippedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.withLines(line -> line.fulfillment(Map.of(), event.shippedAfter(),
                Map.of())), at);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> order.delivered(event.deliveredAt() != null ? event.deliveredAt() : at), at);
    }

    @EventHandler
    void on(ReturnRequestedEvent event, @Timestamp Instant at) {
        update(event.orderId(), order -> returned(order, event.rmaId().value(), rma -> rma != null ? rma
                : new Return(event.rmaId().value(), ReturnStatus.REQUESTED, event.resolution().name(), null)), at);
    }

    @EventHandler
    void on(ReturnReceivedEvent event, @Timestamp Instant at) {
        String exchangeOrderId = event.exchange() != null ? event.exchange().orderId().value() : null;
        update(event.orderId(), order -> returned(order, event.rmaId().value(), rma -> new Return(
                event.rmaId().value(), ReturnStatus.RECEIVED, rma != null ? rma.resolution() : null, exchangeOrderId))
                .withLines(line -> line.fulfillment(Map.of(), Map.of(), event.returnedAfter())), at);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), OrderDocument.class);
        lists.clear();
    }

    @Override
    public String readModel() {
        return ReadModels.ORDERS;
    }

    /** A replay's shadow leaves the order lists out (see {@link #write}); they are built from its orders here. */
    @Override
    public void complete() {
        lists.rebuild();
    }

    private static Shipment status(Shipment shipment, ShipmentStatus next) {
        return new Shipment(shipment.shipmentId(), shipment.warehouseId(),
                ShipmentStatus.advance(shipment.status(), next), shipment.carrier(), shipment.trackingNumber());
    }

    /** The order with shipment {@code shipmentId} changed, added first (RELEASED) if it is not there yet. */
    private static OrderDocument shipment(OrderDocument order, String shipmentId, String warehouseId,
                                          UnaryOperator<Shipment> change) {
        List<Shipment> shipments = new ArrayList<>(order.shipments());
        int index = shipments.stream().map(Shipment::shipmentId).toList().indexOf(shipmentId);
        if (index < 0) {
            shipments.add(change.apply(new Shipment(shipmentId, warehouseId, ShipmentStatus.RELEASED, null,
                    null)));
        } else {
            shipments.set(index, change.apply(shipments.get(index)));
        }
        return order.withShipments(List.copyOf(shipments));
    }

    /** The order with return {@code rmaId} replaced by {@code change} of it (null: not there yet, then added). */
    private static OrderDocument returned(OrderDocument order, String rmaId, UnaryOperator<Return> change) {
        List<Return> returns = new ArrayList<>(order.returns());
        int index = returns.stream().map(Return::rmaId).toList().indexOf(rmaId);
        if (index < 0) {
            returns.add(change.apply(null));
        } else {
            returns.set(index, change.apply(returns.get(index)));
        }
        return order.withReturns(List.copyOf(returns));
    }

    private void update(OrderId orderId, UnaryOperator<OrderDocument> change, Instant at) {
        batch.change(state -> {
            Change touched = touched(state, orderId.value());
            if (touched.after() != null) {
                save(state, touched, change.apply(touched.after()), at);
            }
        });
    }

    /**
     * The order's change in this batch so far; at its first touch in the batch, the stored order read once
     * (before and after alike, null if there is none).
     */
    private static Change touched(Batch batch, String orderId) {
        Change changed = batch.orders().get(orderId);
        if (changed != null) {
            return changed;
        }
        OrderDocument stored = batch.stored().get(orderId);
        return new Change(stored, stored, OptionalLong.empty());
    }

    /**
     * THE ONE WAY AN ORDER DOCUMENT IS CHANGED. Every handler, present and future, changes an order through here
     * (usually via {@link #update}), never with {@code mongo.save} directly: the status is derived here from the
     * document, and {@link #write} keeps the order lists that {@code GET /api/orders} and the customer view read
     * ({@link OrderLists}: per status, channel, sku, their combinations and per customer) in step with the order's
     * status, channel, skus and customer. A new status needs nothing else.
     */
    private static void save(Batch batch, Change touched, OrderDocument after, Instant at) {
        batch.orders().put(after.orderId(), new Change(touched.before(), after.stored(at), ChangeFeed.position()));
    }

    /**
     * A batch's orders: the lists first, then the orders in one round trip, then their changes for the live streams
     * (scope: the channel). A crash in between leaves the old orders, so the events, delivered again, see the same
     * differences and complete the lists (their changes are idempotent) and the change log. A replay's shadow leaves
     * the lists out: they are built once from its orders before it becomes current ({@link #complete}).
     */
    private void write(Batch batch) {
        Collection<Change> orders = batch.orders().values();
        if (orders.isEmpty()) {
            return;
        }
        if (!ReadModelCollections.inShadow()) {
            lists.change(orders.stream().map(change -> new OrderLists.Move(change.before(), change.after()))
                    .toList());
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OrderDocument.class);
        orders.forEach(change -> bulk.replaceOne(Query.query(Criteria.where("_id")
                .is(change.after().orderId())), change.after(), FindAndReplaceOptions.options().upsert()));
        bulk.execute();
        feed.publish(View.ORDERS, orders.stream().filter(change -> change.position().isPresent())
                .sorted(Comparator.comparingLong(change -> change.position().getAsLong()))
                .map(change -> feed.change(change.position().getAsLong(), change.after().orderId(),
                        List.of(change.after().channel()), change.after()))
                .toList());
    }
}
