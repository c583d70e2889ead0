package com.shipjoy.command.order;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.invalid;
import static com.shipjoy.command.Rejections.notFound;

import com.shipjoy.command.returns.ReturnIds;
import com.shipjoy.command.stock.FakeWarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.order.ConfirmDeliveryCommand;
import com.shipjoy.events.order.OrderDeliveredEvent;
import com.shipjoy.events.order.OrderShippedEvent;
import com.shipjoy.events.order.RecordShipmentCommand;
import com.shipjoy.events.returns.ExchangeOrder;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.RequestReturnCommand;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.returns.ReturnResolution;
import com.shipjoy.events.warehouse.Created;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.order.OrderReleasedEvent;
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
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {

    static final OrderId O1 = new OrderId("O-1");
    static final Channel WEB = new Channel("web");
    static final ExternalOrderId EXT = new ExternalOrderId("web #1001");

    AggregateTestFixture<Order> fixture;
    TakenIntakes intakes;
    /** The rmaId lookup: which order each known return belongs to. */
    final Map<RmaId, String> rmaOwners = new HashMap<>();
    final ReturnIds returnIds = rmaId -> Optional.ofNullable(rmaOwners.get(rmaId));

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
        fixture.registerInjectableResource(returnIds);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("W1", "A-01"));
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

    /** The order placed and taken: its event given, its intake in the lookup; then any later events. */
    TestExecutor<Order> taken(PlaceOrderCommand command, Object... later) {
        intakes.take(placed(command));
        return fixture.given(placed(command)).andGiven(later);
    }

    @Test
    void theSameRequestRepeatedAnswersTheSameIdAndStoresNothing() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        taken(command)
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
    void theSameRequestRepeatedWithOtherContentIsAConflict() {
        taken(place(O1, EXT, "d1"))
                .when(place(O1, EXT, "d2"))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void aRepeatAfterTheOrderMovedOnStillAnswersItsIdAndStoresNothing() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        taken(command, mugsAllocated(W1, 2, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                        new OrderCancelledEvent(O1, "x", List.of()))
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(new OrderPlacement(O1, false));
    }

    @Test
    void anOrderIdInUseForAnotherPairIsAConflict() {
        taken(place(O1, EXT, "d1"))
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

    /** {@code quantity} mugs allocated in the warehouse, and the line's figures after it. */
    static OrderLineAllocatedEvent mugsAllocated(WarehouseId warehouse, long quantity, AllocatedAfter allocated,
                                                 BackorderedAfter backordered) {
        return new OrderLineAllocatedEvent(O1, MUG, warehouse, quantity, allocated.units(), backordered.units());
    }

    /** {@code quantity} mugs taken back from the warehouse's allocation, and the line's figures after it. */
    static OrderLineDeallocatedEvent mugsDeallocated(WarehouseId warehouse, long quantity, String reason,
                                                     AllocatedAfter allocated, BackorderedAfter backordered) {
        return new OrderLineDeallocatedEvent(O1, MUG, warehouse, quantity, reason, allocated.units(),
                backordered.units());
    }

    /** The line's figures by name, so a row of counts reads {@code allocatedAfter(2), backorderedAfter(0)}. */
    record AllocatedAfter(long units) {
    }

    record BackorderedAfter(long units) {
    }

    static AllocatedAfter allocatedAfter(long units) {
        return new AllocatedAfter(units);
    }

    static BackorderedAfter backorderedAfter(long units) {
        return new BackorderedAfter(units);
    }

    /** The fixture stamps given and published events with its current time, which is when the order was placed. */
    OrderBackorderedEvent backordered(long mugs) {
        return new OrderBackorderedEvent(O1, Map.of("MUG-1", mugs), fixture.currentTime());
    }

    @Test
    void aFullAllocationMakesTheOrderAllocated() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 2)))
                .expectEvents(mugsAllocated(W1, 2, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                        released(1, W1, 2));
    }

    /** The n-th release of O1: a shipment in the warehouse for the mugs allocated there and not released yet. */
    OrderReleasedEvent released(int n, WarehouseId warehouse, long mugs) {
        return new OrderReleasedEvent(O1, new ShipmentId(UUID.nameUUIDFromBytes(("O-1/shipment/" + n)
                .getBytes(StandardCharsets.UTF_8)).toString()), warehouse, Map.of("MUG-1", mugs),
                fixture.currentTime());
    }

    @Test
    void aSplitAllocationAddsUpPerLine() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 1), mugs(W2, 1)))
                .expectEvents(mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)),
                        mugsAllocated(W2, 1, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                        released(1, W1, 1), released(2, W2, 1));
    }

    @Test
    void whatStaysUnallocatedIsBackordered() {
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate())
                .expectEvents(backordered(2));
        fixture.given(placed(place(O1, EXT, "d1")))
                .when(allocate(mugs(W1, 1)))
                .expectEvents(mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)),
                        backordered(1));
    }

    @Test
    void aBackorderFilledLaterCompletesTheAllocation() {
        fixture.given(placed(place(O1, EXT, "d1")), mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)),
                        backordered(1))
                .when(allocate(mugs(W2, 1)))
                .expectEvents(mugsAllocated(W2, 1, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                        released(1, W1, 1), released(2, W2, 1));
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
        return new Object[] {placed(place(O1, EXT, "d1")), mugsAllocated(W1, 2, allocatedAfter(2), backorderedAfter(0)),
                new OrderAllocatedEvent(O1)};
    }

    @Test
    void lostUnitsAreBackorderedAgain() {
        fixture.given(fullyAllocated())
                .when(deallocate(1))
                .expectEvents(mugsDeallocated(W1, 1, "COUNT_SHORTFALL", allocatedAfter(1), backorderedAfter(1)),
                        backordered(1));
    }

    @Test
    void anOrderNeverLosesMoreThanItHolds() {
        fixture.given(fullyAllocated())
                .when(deallocate(5))
                .expectEvents(mugsDeallocated(W1, 2, "COUNT_SHORTFALL", allocatedAfter(0), backorderedAfter(2)),
                        backordered(2));
    }

    @Test
    void aCancelledOrderLosesNothing() {
        fixture.given(fullyAllocated()).andGiven(new OrderCancelledEvent(O1, "x", List.of()))
                .when(deallocate(1))
                .expectNoEvents();
    }

    // ---- release ----

    OrderPlacedEvent placedShipPartial() {
        PlaceOrderCommand command = place(O1, EXT, "d1");
        return new OrderPlacedEvent(O1, command.channel(), command.externalOrderId(), command.customer(),
                command.shipTo(), command.lines(), true, command.contentDigest());
    }

    @Test
    void withShipPartialWhatIsAllocatedIsReleasedAtOnce() {
        fixture.given(placedShipPartial())
                .when(allocate(mugs(W1, 1)))
                .expectEvents(mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)), backordered(1),
                        released(1, W1, 1));
    }

    @Test
    void aLaterAllocationReleasesOnlyTheNewUnits() {
        fixture.given(placedShipPartial(), mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)), backordered(1),
                        released(1, W1, 1))
                .when(allocate(mugs(W1, 1)))
                .expectEvents(mugsAllocated(W1, 1, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                        released(2, W1, 1));
    }

    Object[] releasedThenShortPicked() {
        return new Object[] {placed(place(O1, EXT, "d1")), mugsAllocated(W1, 2, allocatedAfter(2), backorderedAfter(0)),
                new OrderAllocatedEvent(O1), released(1, W1, 2),
                mugsDeallocated(W1, 1, "SHORT_PICK", allocatedAfter(1), backorderedAfter(1)), backordered(1)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"W1", "W2"})
    void unitsLostByAShortPickAreReleasedAgainWhenReallocated(String warehouse) {
        WarehouseId where = new WarehouseId(warehouse);
        fixture.given(releasedThenShortPicked())
                .when(allocate(mugs(where, 1)))
                .expectEvents(mugsAllocated(where, 1, allocatedAfter(2), backorderedAfter(0)),
                        new OrderAllocatedEvent(O1), released(2, where, 1));
    }

    // ---- cancel, shipping and delivery ----

    ShipmentId shipment(int n) {
        return released(n, W1, 1).shipmentId();
    }

    /** Allocated one mug in each warehouse and released as shipments 1 (W1) and 2 (W2). */
    Object[] releasedInTwo() {
        return new Object[] {placed(place(O1, EXT, "d1")), mugsAllocated(W1, 1, allocatedAfter(1), backorderedAfter(1)),
                mugsAllocated(W2, 1, allocatedAfter(2), backorderedAfter(0)), new OrderAllocatedEvent(O1),
                released(1, W1, 1), released(2, W2, 1)};
    }

    OrderShippedEvent firstShipped() {
        return new OrderShippedEvent(O1, shipment(1), W1, Map.of("MUG-1", 1L), Map.of("MUG-1", 1L), false);
    }

    OrderShippedEvent secondShipped() {
        return new OrderShippedEvent(O1, shipment(2), W2, Map.of("MUG-1", 1L), Map.of("MUG-1", 2L), true);
    }

    Object[] shippedInFull() {
        return concat(releasedInTwo(), firstShipped(), secondShipped());
    }

    static Object[] concat(Object[] first, Object... more) {
        List<Object> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    @Test
    void cancelListsTheOpenShipments() {
        fixture.given(releasedInTwo())
                .when(new CancelOrderCommand(O1, "x"))
                .expectEvents(new OrderCancelledEvent(O1, "x", List.of(shipment(1), shipment(2))));
    }

    @Test
    void cancelAfterShippingConflicts() {
        fixture.given(concat(releasedInTwo(), firstShipped()))
                .when(new CancelOrderCommand(O1, "x"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void aShipmentOfPartOfTheOrderIsPartialThenTheLastCompletesIt() {
        fixture.given(releasedInTwo())
                .when(new RecordShipmentCommand(O1, shipment(1), W1, Map.of("MUG-1", 1L)))
                .expectEvents(firstShipped());
        fixture.given(concat(releasedInTwo(), firstShipped()))
                .when(new RecordShipmentCommand(O1, shipment(2), W2, Map.of("MUG-1", 1L)))
                .expectEvents(secondShipped());
    }

    @Test
    void aShipmentIsRecordedOnce() {
        fixture.given(concat(releasedInTwo(), firstShipped()))
                .when(new RecordShipmentCommand(O1, shipment(1), W1, Map.of("MUG-1", 1L)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    static final Instant DELIVERED_AT = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void deliveryBeforeEverythingShippedConflicts() {
        fixture.given(concat(releasedInTwo(), firstShipped()))
                .when(new ConfirmDeliveryCommand(O1, DELIVERED_AT))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void deliveryOfAShippedOrderIsRecordedOnce() {
        fixture.given(shippedInFull())
                .when(new ConfirmDeliveryCommand(O1, DELIVERED_AT))
                .expectEvents(new OrderDeliveredEvent(O1, DELIVERED_AT));
        fixture.given(shippedInFull()).andGiven(new OrderDeliveredEvent(O1, DELIVERED_AT))
                .when(new ConfirmDeliveryCommand(O1, DELIVERED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- returns ----

    static final RmaId RMA1 = new RmaId("RMA-1");
    static final RmaId RMA2 = new RmaId("RMA-2");
    static final Location BIN = new Location("A-01");

    static List<ReturnLine> returning(Sku sku, long quantity) {
        return List.of(new ReturnLine(sku, Quantity.of(quantity)));
    }

    static RequestReturnCommand requestReturn(RmaId rma, long mugs, String digest) {
        return new RequestReturnCommand(O1, rma, returning(MUG, mugs), "broken", ReturnResolution.REFUND,
                List.of(), digest);
    }

    static ReturnRequestedEvent requested(RequestReturnCommand command) {
        return new ReturnRequestedEvent(O1, command.rmaId(), command.lines(), command.reason(),
                command.resolution(), command.exchangeLines(), command.contentDigest());
    }

    static RequestReturnCommand exchangeOneMug() {
        return new RequestReturnCommand(O1, RMA1, returning(MUG, 1), "wrong colour", ReturnResolution.EXCHANGE,
                returning(new Sku("MUG-2"), 1), "x1");
    }

    static ReturnReceiptLine receiptLine(long mugs, ReturnCondition condition, Location location) {
        return new ReturnReceiptLine(MUG, Quantity.of(mugs), condition, location);
    }

    static ReceiveReturnCommand receive(RmaId rma, ReturnReceiptLine... lines) {
        return new ReceiveReturnCommand(O1, rma, W1, List.of(lines));
    }

    /** Everything shipped; RMA-1 asks for one mug back. */
    Object[] oneMugToReturn() {
        return concat(shippedInFull(), requested(requestReturn(RMA1, 1, "r1")));
    }

    static ReturnReceivedEvent oneSellableMugReceived() {
        return new ReturnReceivedEvent(O1, RMA1, W1, List.of(receiptLine(1, ReturnCondition.SELLABLE, BIN)),
                Map.of("MUG-1", 1L), false, null);
    }

    @Test
    void aReturnOfShippedUnitsIsRequested() {
        RequestReturnCommand command = requestReturn(RMA1, 2, "r1");
        fixture.given(shippedInFull())
                .when(command)
                .expectEvents(requested(command))
                .expectResultMessagePayload(Created.NEW);
    }

    @Test
    void returningASkuNotInTheOrderConflicts() {
        fixture.given(shippedInFull())
                .when(new RequestReturnCommand(O1, RMA1, returning(new Sku("CUP-1"), 1), "x",
                        ReturnResolution.REFUND, List.of(), "r1"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void returningMoreThanShippedConflicts() {
        fixture.given(concat(releasedInTwo(), firstShipped()))
                .when(requestReturn(RMA1, 2, "r1"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void unitsInAnOpenReturnCannotBeReturnedAgain() {
        fixture.given(oneMugToReturn())
                .when(requestReturn(RMA2, 2, "r2"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void unitsReturnedAlreadyCannotBeReturnedAgain() {
        fixture.given(oneMugToReturn()).andGiven(oneSellableMugReceived())
                .when(requestReturn(RMA2, 2, "r2"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void theSameReturnAgainIsARepeat() {
        rmaOwners.put(RMA1, O1.value());
        fixture.given(oneMugToReturn())
                .when(requestReturn(RMA1, 1, "r1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Created.REPEATED);
    }

    @Test
    void theSameRmaIdWithOtherContentConflicts() {
        rmaOwners.put(RMA1, O1.value());
        fixture.given(oneMugToReturn())
                .when(requestReturn(RMA1, 2, "r2"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void anRmaIdOfAnotherOrderConflicts() {
        rmaOwners.put(RMA1, "O-2");
        fixture.given(shippedInFull())
                .when(requestReturn(RMA1, 1, "r1"))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void receivingAnUnknownReturnIsNotFound() {
        fixture.given(shippedInFull())
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN)))
                .expectNoEvents().expectException(notFound());
    }

    @Test
    void receivingMoreThanAskedConflicts() {
        fixture.given(oneMugToReturn())
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN),
                        receiptLine(1, ReturnCondition.DAMAGED, BIN)))
                .expectNoEvents().expectException(conflict());
    }

    @Test
    void receivingIntoAnUnknownBinNamesTheLine() {
        fixture.given(shippedInFull()).andGiven(requested(requestReturn(RMA1, 2, "r1")))
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN),
                        receiptLine(1, ReturnCondition.DAMAGED, new Location("Z-99"))))
                .expectNoEvents().expectException(invalid("lines[1].location"));
    }

    @Test
    void sellableAndDamagedUnitsAreRecordedAndEverythingCameBack() {
        fixture.given(shippedInFull()).andGiven(requested(requestReturn(RMA1, 2, "r1")))
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN),
                        receiptLine(1, ReturnCondition.DAMAGED, BIN)))
                .expectEvents(new ReturnReceivedEvent(O1, RMA1, W1, List.of(receiptLine(1, ReturnCondition.SELLABLE,
                        BIN), receiptLine(1, ReturnCondition.DAMAGED, BIN)), Map.of("MUG-1", 2L), true, null))
                .expectResultMessagePayload(true);
    }

    @Test
    void aPartialReturnIsNotAllReturnedUntilTheLastUnitComesBack() {
        fixture.given(oneMugToReturn())
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN)))
                .expectEvents(new ReturnReceivedEvent(O1, RMA1, W1, List.of(receiptLine(1, ReturnCondition.SELLABLE,
                        BIN)), Map.of("MUG-1", 1L), false, null));
        fixture.given(oneMugToReturn()).andGiven(oneSellableMugReceived(), requested(requestReturn(RMA2, 1, "r2")))
                .when(receive(RMA2, receiptLine(1, ReturnCondition.DAMAGED, BIN)))
                .expectEvents(new ReturnReceivedEvent(O1, RMA2, W1, List.of(receiptLine(1, ReturnCondition.DAMAGED,
                        BIN)), Map.of("MUG-1", 2L), true, null));
    }

    @Test
    void anExchangeReturnCarriesTheExchangeOrder() {
        PlaceOrderCommand original = place(O1, EXT, "d1");
        ExchangeOrder exchange = new ExchangeOrder(new OrderId(UUID.nameUUIDFromBytes("exchange/RMA-1"
                .getBytes(StandardCharsets.UTF_8)).toString()), original.customer(), original.shipTo(),
                List.of(new OrderLine(new Sku("MUG-2"), Quantity.of(1), "0.00", "EUR")));
        fixture.given(shippedInFull()).andGiven(requested(exchangeOneMug()))
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN)))
                .expectEvents(new ReturnReceivedEvent(O1, RMA1, W1, List.of(receiptLine(1, ReturnCondition.SELLABLE,
                        BIN)), Map.of("MUG-1", 1L), false, exchange));
    }

    @Test
    void theSameReceiptAgainChangesNothingAndOtherLinesConflict() {
        fixture.given(oneMugToReturn()).andGiven(oneSellableMugReceived())
                .when(receive(RMA1, receiptLine(1, ReturnCondition.SELLABLE, BIN)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(oneMugToReturn()).andGiven(oneSellableMugReceived())
                .when(receive(RMA1, receiptLine(1, ReturnCondition.DAMAGED, BIN)))
                .expectNoEvents().expectException(conflict());
    }
}
