package com.shipjoy.command.stock;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.invalid;
import static com.shipjoy.command.stock.StockTest.A;
import static com.shipjoy.command.stock.StockTest.B;
import static com.shipjoy.command.stock.StockTest.ID;
import static com.shipjoy.command.stock.StockTest.R1;
import static com.shipjoy.command.stock.StockTest.fiveAndTwo;
import static com.shipjoy.command.stock.StockTest.move;
import static com.shipjoy.command.stock.StockTest.moved;
import static com.shipjoy.command.stock.StockTest.received;
import static com.shipjoy.command.stock.StockTest.release;
import static com.shipjoy.command.stock.StockTest.released;
import static com.shipjoy.command.stock.StockTest.reserved;
import static com.shipjoy.events.stock.StockReleasedEvent.COUNT_SHORTFALL;
import static com.shipjoy.events.stock.StockReleasedEvent.SHORT_PICK;

import com.shipjoy.command.stock.Steps.BinHolds;
import com.shipjoy.command.stock.Steps.Expected;
import com.shipjoy.command.stock.Steps.Found;
import com.shipjoy.command.stock.Steps.OnHand;
import com.shipjoy.command.stock.Steps.OutboundHolds;
import com.shipjoy.command.stock.Steps.Recorded;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.stock.PickLocation;
import com.shipjoy.events.stock.PickOutcome;
import com.shipjoy.events.stock.PickPlanClosedEvent;
import com.shipjoy.events.stock.PickStockCommand;
import com.shipjoy.events.stock.PicksPlannedEvent;
import com.shipjoy.events.stock.PlanPicksCommand;
import com.shipjoy.events.stock.ReturnStockCommand;
import com.shipjoy.events.stock.ShipStockCommand;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockPickedEvent;
import com.shipjoy.events.stock.StockReturnedEvent;
import com.shipjoy.events.stock.StockShippedEvent;
import com.shipjoy.events.stock.StockWrittenOffEvent;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Picking, shipping and returning stock (the stock model, tasks); the figures after each event are
 * spelled out.
 */
class StockFulfillmentTest {

    /** Sorts after OUTBOUND: a plan that did not skip OUTBOUND would take from it first. */
    static final Location P = new Location("P-01");
    static final ShipmentId S1 = new ShipmentId("S1");
    static final TaskId T1 = new TaskId("S1.1");

    private AggregateTestFixture<Stock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02", "P-01"));
    }

    static PlanPicksCommand plan(String orderId, long quantity) {
        return new PlanPicksCommand(ID, new OrderId(orderId), S1, Quantity.of(quantity));
    }

    static PicksPlannedEvent planned(String orderId, PickLocation... picks) {
        return new PicksPlannedEvent(ID, new OrderId(orderId), S1, List.of(picks));
    }

    static PickLocation at(Location location, long quantity) {
        return new PickLocation(location, quantity);
    }

    static Expected<Found<PickStockCommand>> pick(String orderId, Location bin) {
        return expected -> found -> new PickStockCommand(ID, new OrderId(orderId), S1, T1, bin, expected, found);
    }

    static PickPlanClosedEvent closed(String orderId, Location at, long quantity) {
        return new PickPlanClosedEvent(ID, new OrderId(orderId), S1, T1, at, quantity);
    }

    /** The adjustment of a bin that held other than {@code recorded}; its variance is found - recorded. */
    static Recorded<Found<OnHand<StockCountedEvent>>> shortPickCount(Location bin) {
        return recorded -> found -> onHand -> reserved -> new StockCountedEvent(ID, "S1.1", bin, recorded, found,
                found - recorded, StockCountedEvent.SHORT_PICK, onHand, reserved);
    }

    static BinHolds<OutboundHolds<OnHand<StockPickedEvent>>> picked(String orderId, Location bin, long quantity) {
        return binHolds -> outboundHolds -> onHand -> reserved -> new StockPickedEvent(ID, new OrderId(orderId), S1,
                T1, bin, quantity, binHolds, outboundHolds, onHand, reserved);
    }

    static OutboundHolds<OnHand<StockShippedEvent>> shipped(String orderId, long quantity) {
        return outboundHolds -> onHand -> reserved ->
                new StockShippedEvent(ID, new OrderId(orderId), S1, quantity, outboundHolds, onHand, reserved);
    }

    /** Line 0 of RMA-1, for order O-1. */
    static ReturnStockCommand returnLine(Location bin, long quantity, ReturnCondition condition) {
        return new ReturnStockCommand(ID, new RmaId("RMA-1"), 0, new OrderId("O-1"), bin, Quantity.of(quantity),
                condition);
    }

    static BinHolds<OnHand<StockReturnedEvent>> returned(Location bin, long quantity) {
        return binHolds -> onHand -> reserved ->
                new StockReturnedEvent(ID, new RmaId("RMA-1"), 0, new OrderId("O-1"), bin, quantity, binHolds, onHand,
                        reserved);
    }

    static OnHand<StockWrittenOffEvent> writtenOff(long quantity) {
        return onHand -> reserved -> new StockWrittenOffEvent(ID, new RmaId("RMA-1"), 0, new OrderId("O-1"), quantity,
                onHand, reserved);
    }

    // ---- planning ----

    @Test
    void planTakesBinsInNameOrder() {
        fixture.given(received(R1, 0, B, 2).binHolds(2).onHand(2).reserved(0),
                        received(R1, 1, A, 5).binHolds(5).onHand(7).reserved(0),
                        reserved("o1", 6).onHand(7).reserved(6))
                .when(plan("o1", 6))
                .expectEvents(planned("o1", at(A, 5), at(B, 1)))
                .expectResultMessagePayload(List.of(at(A, 5), at(B, 1)));
    }

    @Test
    void planSkipsOutbound() {
        fixture.given(received(R1, 0, A, 2).binHolds(2).onHand(2).reserved(0),
                        received(R1, 1, P, 3).binHolds(3).onHand(5).reserved(0),
                        reserved("o1", 2).onHand(5).reserved(2),
                        picked("o1", A, 2).binHolds(0).outboundHolds(2).onHand(5).reserved(2),
                        reserved("o2", 3).onHand(5).reserved(5))
                .when(plan("o2", 3))
                .expectEvents(planned("o2", at(P, 3)));
    }

    @Test
    void planSkipsUnitsHeldForOtherOrders() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        reserved("o2", 4).onHand(7).reserved(7),
                        planned("o1", at(A, 3)))
                .when(plan("o2", 4))
                .expectEvents(planned("o2", at(A, 2), at(B, 2)));
    }

    @Test
    void planNeverExceedsWhatTheOrderHasReservedAndNotPlannedOrPicked() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 4).onHand(7).reserved(4), planned("o1", at(A, 1)),
                        closed("o1", A, 1), picked("o1", A, 1).binHolds(4).outboundHolds(1).onHand(7).reserved(4),
                        planned("o1", at(A, 1)))
                .when(plan("o1", 4))
                .expectEvents(planned("o1", at(A, 2)))
                .expectResultMessagePayload(List.of(at(A, 2)));
    }

    @Test
    void planWithNothingLeftToPlanStoresNothing() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3), planned("o1", at(A, 3)))
                .when(plan("o1", 3))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    // ---- moves and plans ----

    @Test
    void aMoveCannotTakeUnitsHeldForPickTasks() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3), planned("o1", at(A, 3)))
                .when(move(A, B, 3))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void aMoveCanTakeTheUnitsNotHeld() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3), planned("o1", at(A, 3)))
                .when(move(A, B, 2))
                .expectEvents(moved(A, B, 2).fromHolds(3).toHolds(4).onHand(7).reserved(3));
    }

    @Test
    void aClosedPlanNoLongerHoldsTheBin() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3), planned("o1", at(A, 3)),
                        closed("o1", A, 3), picked("o1", A, 3).binHolds(2).outboundHolds(3).onHand(7).reserved(3))
                .when(move(A, B, 2))
                .expectEvents(moved(A, B, 2).fromHolds(0).toHolds(4).onHand(7).reserved(3));
    }

    // ---- picking ----

    @Test
    void aFullPickMovesTheUnitsToOutbound() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3), planned("o1", at(A, 3)))
                .when(pick("o1", A).expected(3).found(3))
                .expectEvents(closed("o1", A, 3), picked("o1", A, 3).binHolds(2).outboundHolds(3).onHand(7).reserved(3))
                .expectResultMessagePayload(new PickOutcome(3, 0, 0));
    }

    @Test
    void aShortPickWithStockElsewhereAdjustsTheBinAndKeepsTheReservation() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 4).onHand(7).reserved(4), planned("o1", at(A, 4)))
                .when(pick("o1", A).expected(4).found(2))
                .expectEvents(closed("o1", A, 4), shortPickCount(A).recorded(5).found(2).onHand(4).reserved(4),
                        picked("o1", A, 2).binHolds(0).outboundHolds(2).onHand(4).reserved(4))
                .expectResultMessagePayload(new PickOutcome(2, 2, 0));
    }

    @Test
    void aShortPickWithNothingElsewhereReleasesTheMissingUnits() {
        fixture.given(received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0), reserved("o1", 5).onHand(5).reserved(5),
                        planned("o1", at(A, 5)))
                .when(pick("o1", A).expected(5).found(3))
                .expectEvents(closed("o1", A, 5), released("o1", 2, SHORT_PICK).onHand(5).reserved(3),
                        shortPickCount(A).recorded(5).found(3).onHand(3).reserved(3),
                        picked("o1", A, 3).binHolds(0).outboundHolds(3).onHand(3).reserved(3))
                .expectResultMessagePayload(new PickOutcome(3, 0, 2));
    }

    @Test
    void aShortPickBelowReservedRevokesOtherOrdersNewestFirstSparingThePickingOrder() {
        // B-02 holds 5 on record but only 1 is there; o2, the newest, is picking 2 of them
        fixture.given(received(R1, 0, A, 2).binHolds(2).onHand(2).reserved(0),
                        received(R1, 1, B, 5).binHolds(5).onHand(7).reserved(0),
                        reserved("o1", 1).onHand(7).reserved(1), reserved("o3", 2).onHand(7).reserved(3),
                        reserved("o4", 2).onHand(7).reserved(5), reserved("o2", 2).onHand(7).reserved(7),
                        planned("o2", at(B, 2)))
                .when(pick("o2", B).expected(2).found(1))
                // Reservations go first, so reserved never exceeds on-hand after any event.
                .expectEvents(closed("o2", B, 2), released("o2", 1, SHORT_PICK).onHand(7).reserved(6),
                        released("o4", 2, COUNT_SHORTFALL).onHand(7).reserved(4),
                        released("o3", 1, COUNT_SHORTFALL).onHand(7).reserved(3),
                        shortPickCount(B).recorded(5).found(1).onHand(3).reserved(3),
                        picked("o2", B, 1).binHolds(0).outboundHolds(1).onHand(3).reserved(3))
                .expectResultMessagePayload(new PickOutcome(1, 0, 1));
    }

    // ---- shipping and cancelling picked units ----

    /** o1 holds 3; of them {@code atOutbound} were picked, and it asks to ship 3. */
    @ParameterizedTest
    @ValueSource(longs = {3, 2})
    void shippingTakesThePickedUnitsFromOutboundNeverMore(long atOutbound) {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        picked("o1", A, atOutbound).binHolds(5 - atOutbound).outboundHolds(atOutbound)
                                .onHand(7).reserved(3))
                .when(new ShipStockCommand(ID, new OrderId("o1"), S1, Quantity.of(3)))
                .expectEvents(shipped("o1", atOutbound).outboundHolds(0).onHand(7 - atOutbound)
                        .reserved(3 - atOutbound))
                .expectResultMessagePayload(atOutbound);
    }

    @Test
    void releasingACancelledOrderMovesItsPickedUnitsBackToTheirBinsFirst() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        picked("o1", A, 2).binHolds(3).outboundHolds(2).onHand(7).reserved(3),
                        picked("o1", B, 1).binHolds(1).outboundHolds(3).onHand(7).reserved(3))
                .when(release("o1", 3))
                .expectEvents(moved(Location.OUTBOUND, B, 1).fromHolds(2).toHolds(2).onHand(7).reserved(3),
                        moved(Location.OUTBOUND, A, 2).fromHolds(0).toHolds(5).onHand(7).reserved(3),
                        released("o1", 3, "cancelled").onHand(7).reserved(0));
    }

    // ---- returns ----

    @Test
    void aSellableReturnGoesIntoTheBin() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(returnLine(B, 2, ReturnCondition.SELLABLE))
                .expectEvents(returned(B, 2).binHolds(4).onHand(9).reserved(3));
    }

    @Test
    void aDamagedReturnIsWrittenOffLeavingOnHandUnchanged() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(returnLine(B, 2, ReturnCondition.DAMAGED))
                .expectEvents(writtenOff(2).onHand(7).reserved(3));
    }

    @Test
    void theSameReturnLineAgainChangesNothing() {
        fixture.given(fiveAndTwo()).andGiven(returned(B, 2).binHolds(4).onHand(9).reserved(0))
                .when(returnLine(B, 2, ReturnCondition.SELLABLE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(fiveAndTwo()).andGiven(writtenOff(2).onHand(7).reserved(0))
                .when(returnLine(B, 2, ReturnCondition.DAMAGED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReturnIntoAnUnknownLocationIsInvalid() {
        fixture.given(fiveAndTwo())
                .when(returnLine(new Location("Z-99"), 1, ReturnCondition.SELLABLE))
                .expectNoEvents()
                .expectException(invalid("location"));
    }
}