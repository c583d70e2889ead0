package com.shipjoy.command.order;

import static com.shipjoy.command.Rejections.conflict;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.CancelOrderCommand;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.LineAllocation;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderLineDeallocatedEvent;
import com.shipjoy.events.order.RecordAllocationCommand;
import com.shipjoy.events.order.RecordDeallocationCommand;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderPlacement;
import com.shipjoy.events.order.PlaceOrderCommand;
import com.shipjoy.events.order.ShipTo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    static final OrderId O1 = new OrderId("O-1");
    static final Channel WEB = new Channel("web");
    static final ExternalOrderId EXT = new ExternalOrderId("web #1001");

    AggregateTestFixture<Order> fixture;
    TakenIntakes intakes;

    /** The intake lookup as the subscribing handler keeps it: one entry per placed order. */
    static final class TakenIntakes implements OrderIntakes {

        final Map<String, Intake> taken = new HashMap<>();

        void take(OrderPlacedEvent event) {
            taken.put(event.channel() + "|" + event.externalOrderId(), new Intake(event.orderId(),
                    event.contentDigest()));
        }

        @Override
        public Optional<Intake> find(Channel channel, ExternalOrderId externalOrderId) {
            return Optional.ofNullable(taken.get(channel + "|" + externalOrderId));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        intakes = new TakenIntakes();
        fixture.registerInjectableResource(intakes);
    }

    static PlaceOrderCommand place(OrderId orderId, ExternalOrderId externalOrderId, String digest) {
        return new PlaceOrderCommand(orderId, WEB, externalOrderId,
                new Customer(new CustomerId("C-1"), "Ada", "ada@example.com"),
                new ShipTo("Ada", "1 Main St", "Springfield", "12345", "US"),
                List.of(new OrderLine(new Sku("MUG-1"), Quantity.of(2), "9.99", "EUR")), false, digest);
    }

    static OrderPlacedEvent placed(PlaceOrderCommand command) {
        return new OrderPlacedEvent(command.orderId(), command.channel(), command.externalOrderId(),
                command.customer(), command.shipTo(), command.lines(), command.shipPartial(), command.contentDigest());
    }

    @Test
    void anOrderIsTakenOnce() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(placed(command))
                .expectResultMessagePayload(new OrderPlacement(O1, true));
    }

    @Test
    void theSameOrderAgainUnderAnotherIdAnswersTheFirstIdAndStoresNothing() {
        intakes.take(placed(place(O1, EXT, "d1")));
        fixture.givenNoPriorActivity()
                .when(place(new OrderId("O-2"), EXT, "d1"))
                .expectNoEvents()
                .expectResultMessagePayload(new OrderPlacement(O1, false));
    }

    @Test
    void theSameRequestRepeatedAnswersTheSameIdAndStoresNothing() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        intakes.take(placed(command));
        fixture.given(placed(command))
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(new OrderPlacement(O1, false));
    }

    @Test
    void theSamePairWithOtherContentIsAConflict() {
        intakes.take(placed(place(O1, EXT, "d1")));
        fixture.givenNoPriorActivity()
                .when(place(new OrderId("O-2"), EXT, "d2"))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void anOrderIdInUseForAnotherPairIsAConflict() {
        PlaceOrderCommand first = place(O1, EXT, "d1");
        intakes.take(placed(first));
        fixture.given(placed(first))
                .when(place(O1, new ExternalOrderId("web #1002"), "d3"))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void cancellingCancelsOnce() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        fixture.given(placed(command))
                .when(new CancelOrderCommand(O1, "customer changed their mind"))
                .expectEvents(new OrderCancelledEvent(O1, "customer changed their mind", List.of()));
        fixture.given(placed(command), new OrderCancelledEvent(O1, "first", List.of()))
                .when(new CancelOrderCommand(O1, "again"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CancelOrderCommand(O1, "x"))
                .expectException(AggregateNotFoundException.class);
    }

    // ---- allocation ----

    static final WarehouseId W1 = new WarehouseId("W1");
    static final WarehouseId W2 = new WarehouseId("W2");
    static final Sku MUG = new Sku("MUG-1");

    static RecordAllocationCommand allocate(LineAllocation... allocations) {
        return new RecordAllocationCommand(O1, List.of(allocations));
    }

    static LineAllocation mugs(WarehouseId warehouse, long quantity) {
        return new LineAllocation(MUG, warehouse, Quantity.of(quantity));
    }

    /** The fixture stamps given and published events with its current time, which is when the order was placed. */
    OrderBackorderedEvent backordered(long mugs) {
        return new OrderBackorderedEvent(O1, Map.of("MUG-1", mugs), fixture.currentTime());
    }

    @Test
    void aFullAllocationMakesTheOrderAllocated() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 2)))
                .expectEvents(new OrderLineAllocatedEvent(O1, MUG, W1, 2, 2, 0), new OrderAllocatedEvent(O1));
    }

    @Test
    void aSplitAllocationAddsUpPerLine() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 1), mugs(W2, 1)))
                .expectEvents(new OrderLineAllocatedEvent(O1, MUG, W1, 1, 1, 1),
                        new OrderLineAllocatedEvent(O1, MUG, W2, 1, 2, 0), new OrderAllocatedEvent(O1));
    }

    @Test
    void whatStaysUnallocatedIsBackordered() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate())
                .expectEvents(backordered(2));
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 1)))
                .expectEvents(new OrderLineAllocatedEvent(O1, MUG, W1, 1, 1, 1),
                        backordered(1));
    }

    @Test
    void aBackorderFilledLaterCompletesTheAllocation() {
        fixture.given(placed(place(O1, EXT, "d1")), new OrderLineAllocatedEvent(O1, MUG, W1, 1, 1, 1),
                        backordered(1))
                .when(allocate(mugs(W2, 1)))
                .expectEvents(new OrderLineAllocatedEvent(O1, MUG, W2, 1, 2, 0), new OrderAllocatedEvent(O1));
    }

    @Test
    void allocatingMoreThanOrderedOrAnotherSkuIsRefused() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 3)))
                .expectNoEvents()
                .expectException(conflict());
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(new LineAllocation(new Sku("CUP-1"), W1, Quantity.of(1))))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void aCancelledOrderTakesNoAllocation() {
        fixture.given(placed(place(O1, EXT, "d1")), new OrderCancelledEvent(O1, "x", List.of()))
                .when(allocate(mugs(W1, 2)))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    // ---- deallocation (a count took reserved units away) ----

    static RecordDeallocationCommand deallocate(long quantity) {
        return new RecordDeallocationCommand(O1, MUG, W1, Quantity.of(quantity), "COUNT_SHORTFALL");
    }

    Object[] fullyAllocated() {
        return new Object[] {placed(place(O1, EXT, "d1")), new OrderLineAllocatedEvent(O1, MUG, W1, 2, 2, 0),
                new OrderAllocatedEvent(O1)};
    }

    @Test
    void lostUnitsAreBackorderedAgain() {
        fixture.given(fullyAllocated())
                .when(deallocate(1))
                .expectEvents(new OrderLineDeallocatedEvent(O1, MUG, W1, 1, "COUNT_SHORTFALL", 1, 1), backordered(1));
    }

    @Test
    void anOrderNeverLosesMoreThanItHolds() {
        fixture.given(fullyAllocated())
                .when(deallocate(5))
                .expectEvents(new OrderLineDeallocatedEvent(O1, MUG, W1, 2, "COUNT_SHORTFALL", 0, 2), backordered(2));
    }

    @Test
    void aCancelledOrderLosesNothing() {
        fixture.given(fullyAllocated()).andGiven(new OrderCancelledEvent(O1, "x", List.of()))
                .when(deallocate(1))
                .expectNoEvents();
    }
}
