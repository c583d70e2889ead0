package com.shipjoy.command.stock;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.invalid;
import static com.shipjoy.command.stock.StockTest.A;
import static com.shipjoy.command.stock.StockTest.B;
import static com.shipjoy.command.stock.StockTest.ID;
import static com.shipjoy.command.stock.StockTest.R1;
import static com.shipjoy.command.stock.StockTest.fiveAndTwo;
import static com.shipjoy.command.stock.StockTest.move;
import static com.shipjoy.command.stock.StockTest.received;
import static com.shipjoy.command.stock.StockTest.release;
import static com.shipjoy.command.stock.StockTest.released;
import static com.shipjoy.command.stock.StockTest.reserved;
import static com.shipjoy.events.stock.StockReleasedEvent.COUNT_SHORTFALL;
import static com.shipjoy.events.stock.StockReleasedEvent.SHORT_PICK;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
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
import com.shipjoy.events.stock.StockMovedEvent;
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
 * Picking, shipping and returning stock (contract §10 "Stock model", "Tasks"); the figures after each event are
 * spelled out.
 */
class StockFulfillmentTest {

    /** Sorts after OUTBOUND: a plan that did not skip OUTBOUND would take from it first. */
    static final Location P = new Location("P-01");
    static final String S1 = "S1";

    private AggregateTestFixture<Stock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02", "P-01"));
    }

    static PlanPicksCommand plan(String orderId, long quantity) {
        return new PlanPicksCommand(ID, orderId, S1, Quantity.of(quantity));
    }

    static PicksPlannedEvent planned(String orderId, PickLocation... picks) {
        return new PicksPlannedEvent(ID, orderId, S1, List.of(picks));
    }

    static PickLocation at(Location location, long quantity) {
        return new PickLocation(location, quantity);
    }

    static PickStockCommand pick(String orderId, Location at, long expected, long found) {
        return new PickStockCommand(ID, orderId, S1, "S1.1", at, expected, found);
    }

    static PickPlanClosedEvent closed(String orderId, Location at, long quantity) {
        return new PickPlanClosedEvent(ID, orderId, S1, "S1.1", at, quantity);
    }

    static StockCountedEvent shortPickCount(Location at, long expected, long found, long onHandAfter,
                                            long reservedAfter) {
        return new StockCountedEvent(ID, "S1.1", at, expected, found, found - expected, StockCountedEvent.SHORT_PICK,
                onHandAfter, reservedAfter);
    }

    static StockPickedEvent stockPicked(String orderId, Location from, long quantity, long fromAfter,
                                        long outboundAfter, long onHandAfter, long reservedAfter) {
        return new StockPickedEvent(ID, orderId, S1, "S1.1", from, quantity, fromAfter, outboundAfter, onHandAfter,
                reservedAfter);
    }

    static ReturnStockCommand returnLine(Location at, long quantity, ReturnCondition condition) {
        return new ReturnStockCommand(ID, "RMA-1", 0, "O-1", at, Quantity.of(quantity), condition);
    }

    // ---- planning ----

    @Test
    void planTakesBinsInNameOrder() {
        fixture.given(received(R1, 0, B, 2, 2, 2, 0), received(R1, 1, A, 5, 5, 7, 0), reserved("o1", 6, 7, 6))
                .when(plan("o1", 6))
                .expectEvents(planned("o1", at(A, 5), at(B, 1)))
                .expectResultMessagePayload(List.of(at(A, 5), at(B, 1)));
    }

    @Test
    void planSkipsOutbound() {
        fixture.given(received(R1, 0, A, 2, 2, 2, 0), received(R1, 1, P, 3, 3, 5, 0), reserved("o1", 2, 5, 2),
                        stockPicked("o1", A, 2, 0, 2, 5, 2), reserved("o2", 3, 5, 5))
                .when(plan("o2", 3))
                .expectEvents(planned("o2", at(P, 3)));
    }

    @Test
    void planSkipsUnitsHeldForOtherOrders() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), reserved("o2", 4, 7, 7),
                        planned("o1", at(A, 3)))
                .when(plan("o2", 4))
                .expectEvents(planned("o2", at(A, 2), at(B, 2)));
    }

    @Test
    void planNeverExceedsWhatTheOrderHasReservedAndNotPlannedOrPicked() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 4, 7, 4), planned("o1", at(A, 1)),
                        closed("o1", A, 1), stockPicked("o1", A, 1, 4, 1, 7, 4), planned("o1", at(A, 1)))
                .when(plan("o1", 4))
                .expectEvents(planned("o1", at(A, 2)))
                .expectResultMessagePayload(List.of(at(A, 2)));
    }

    @Test
    void planWithNothingLeftToPlanStoresNothing() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), planned("o1", at(A, 3)))
                .when(plan("o1", 3))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    // ---- moves and plans ----

    @Test
    void aMoveCannotTakeUnitsHeldForPickTasks() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), planned("o1", at(A, 3)))
                .when(move(A, B, 3))
                .expectNoEvents()
                .expectException(conflict());
    }

    @Test
    void aMoveCanTakeTheUnitsNotHeld() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), planned("o1", at(A, 3)))
                .when(move(A, B, 2))
                .expectEvents(new StockMovedEvent(ID, A, B, 2, 3, 4, 7, 3));
    }

    @Test
    void aClosedPlanNoLongerHoldsTheBin() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), planned("o1", at(A, 3)),
                        closed("o1", A, 3), stockPicked("o1", A, 3, 2, 3, 7, 3))
                .when(move(A, B, 2))
                .expectEvents(new StockMovedEvent(ID, A, B, 2, 0, 4, 7, 3));
    }

    // ---- picking ----

    @Test
    void aFullPickMovesTheUnitsToOutbound() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), planned("o1", at(A, 3)))
                .when(pick("o1", A, 3, 3))
                .expectEvents(closed("o1", A, 3), stockPicked("o1", A, 3, 2, 3, 7, 3))
                .expectResultMessagePayload(new PickOutcome(3, 0, 0));
    }

    @Test
    void aShortPickWithStockElsewhereAdjustsTheBinAndKeepsTheReservation() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 4, 7, 4), planned("o1", at(A, 4)))
                .when(pick("o1", A, 4, 2))
                .expectEvents(closed("o1", A, 4), shortPickCount(A, 5, 2, 4, 4),
                        stockPicked("o1", A, 2, 0, 2, 4, 4))
                .expectResultMessagePayload(new PickOutcome(2, 2, 0));
    }

    @Test
    void aShortPickWithNothingElsewhereReleasesTheMissingUnits() {
        fixture.given(received(R1, 0, A, 5, 5, 5, 0), reserved("o1", 5, 5, 5), planned("o1", at(A, 5)))
                .when(pick("o1", A, 5, 3))
                .expectEvents(closed("o1", A, 5), released("o1", 2, SHORT_PICK, 5, 3),
                        shortPickCount(A, 5, 3, 3, 3), stockPicked("o1", A, 3, 0, 3, 3, 3))
                .expectResultMessagePayload(new PickOutcome(3, 0, 2));
    }

    @Test
    void aShortPickBelowReservedRevokesOtherOrdersNewestFirstSparingThePickingOrder() {
        // B-02 holds 5 on record but only 1 is there; o2, the newest, is picking 2 of them
        fixture.given(received(R1, 0, A, 2, 2, 2, 0), received(R1, 1, B, 5, 5, 7, 0),
                        reserved("o1", 1, 7, 1), reserved("o3", 2, 7, 3), reserved("o4", 2, 7, 5),
                        reserved("o2", 2, 7, 7), planned("o2", at(B, 2)))
                .when(pick("o2", B, 2, 1))
                // Reservations go first, so reserved never exceeds on-hand after any event.
                .expectEvents(closed("o2", B, 2), released("o2", 1, SHORT_PICK, 7, 6),
                        released("o4", 2, COUNT_SHORTFALL, 7, 4),
                        released("o3", 1, COUNT_SHORTFALL, 7, 3),
                        shortPickCount(B, 5, 1, 3, 3),
                        stockPicked("o2", B, 1, 0, 1, 3, 3))
                .expectResultMessagePayload(new PickOutcome(1, 0, 1));
    }

    // ---- shipping and cancelling picked units ----

    /** o1 holds 3; of them {@code atOutbound} were picked, and it asks to ship 3. */
    @ParameterizedTest
    @ValueSource(longs = {3, 2})
    void shippingTakesThePickedUnitsFromOutboundNeverMore(long atOutbound) {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3),
                        stockPicked("o1", A, atOutbound, 5 - atOutbound, atOutbound, 7, 3))
                .when(new ShipStockCommand(ID, "o1", S1, Quantity.of(3)))
                .expectEvents(new StockShippedEvent(ID, "o1", S1, atOutbound, 0, 7 - atOutbound, 3 - atOutbound))
                .expectResultMessagePayload(atOutbound);
    }

    @Test
    void releasingACancelledOrderMovesItsPickedUnitsBackToTheirBinsFirst() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3), stockPicked("o1", A, 2, 3, 2, 7, 3),
                        stockPicked("o1", B, 1, 1, 3, 7, 3))
                .when(release("o1", 3))
                .expectEvents(new StockMovedEvent(ID, Location.OUTBOUND, B, 1, 2, 2, 7, 3),
                        new StockMovedEvent(ID, Location.OUTBOUND, A, 2, 0, 5, 7, 3),
                        released("o1", 3, "cancelled", 7, 0));
    }

    // ---- returns ----

    @Test
    void aSellableReturnGoesIntoTheBin() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3))
                .when(returnLine(B, 2, ReturnCondition.SELLABLE))
                .expectEvents(new StockReturnedEvent(ID, "RMA-1", 0, "O-1", B, 2, 4, 9, 3));
    }

    @Test
    void aDamagedReturnIsWrittenOffLeavingOnHandUnchanged() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3, 7, 3))
                .when(returnLine(B, 2, ReturnCondition.DAMAGED))
                .expectEvents(new StockWrittenOffEvent(ID, "RMA-1", 0, "O-1", 2, 7, 3));
    }

    @Test
    void theSameReturnLineAgainChangesNothing() {
        fixture.given(fiveAndTwo()).andGiven(new StockReturnedEvent(ID, "RMA-1", 0, "O-1", B, 2, 4, 9, 0))
                .when(returnLine(B, 2, ReturnCondition.SELLABLE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(fiveAndTwo()).andGiven(new StockWrittenOffEvent(ID, "RMA-1", 0, "O-1", 2, 7, 0))
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