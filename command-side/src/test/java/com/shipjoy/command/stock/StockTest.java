package com.shipjoy.command.stock;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.invalid;
import static com.shipjoy.command.Rejections.notFound;
import static com.shipjoy.events.stock.StockReleasedEvent.COUNT_SHORTFALL;

import com.shipjoy.command.stock.Steps.BinHolds;
import com.shipjoy.command.stock.Steps.Counted;
import com.shipjoy.command.stock.Steps.Expected;
import com.shipjoy.command.stock.Steps.FromHolds;
import com.shipjoy.command.stock.Steps.OnHand;
import com.shipjoy.command.stock.Steps.ToHolds;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.stock.CountStockCommand;
import com.shipjoy.events.stock.MoveStockCommand;
import com.shipjoy.events.stock.ReceiveStockCommand;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockMovedEvent;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StockTest {

    static final StockId ID = StockId.of("SKU-1", "WH1");
    static final Location A = new Location("A-01");
    static final Location B = new Location("B-02");
    static final ReceiptId R1 = new ReceiptId("R1");
    static final ReceiptId R2 = new ReceiptId("R2");

    private AggregateTestFixture<Stock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02")
                .warehouse("WH2", "X-01"));
    }

    // ---- commands and events, every number named (see Steps) ----

    static ReceiveStockCommand receive(ReceiptId receipt, int line, Location at, long quantity) {
        return new ReceiveStockCommand(ID, receipt, line, at, Quantity.of(quantity));
    }

    static BinHolds<OnHand<StockReceivedEvent>> received(ReceiptId receipt, int line, Location bin, long quantity) {
        return binHolds -> onHand -> reserved ->
                new StockReceivedEvent(ID, receipt, line, bin, quantity, binHolds, onHand, reserved);
    }

    static MoveStockCommand move(Location from, Location to, long quantity) {
        return new MoveStockCommand(ID, from, to, Quantity.of(quantity));
    }

    static FromHolds<ToHolds<OnHand<StockMovedEvent>>> moved(Location from, Location to, long quantity) {
        return fromHolds -> toHolds -> onHand -> reserved ->
                new StockMovedEvent(ID, from, to, quantity, fromHolds, toHolds, onHand, reserved);
    }

    static CountStockCommand count(Location at, long counted) {
        return new CountStockCommand(ID, "C1", at, counted, "cycle");
    }

    /** A cycle count; its variance is counted - expected. */
    static Expected<Counted<OnHand<StockCountedEvent>>> counted(Location bin) {
        return expected -> counted -> onHand -> reserved -> new StockCountedEvent(ID, "C1", bin, expected, counted,
                counted - expected, "cycle", onHand, reserved);
    }

    static ReserveStockCommand reserve(String orderId, long quantity) {
        return new ReserveStockCommand(ID, new OrderId(orderId), Quantity.of(quantity));
    }

    static OnHand<StockReservedEvent> reserved(String orderId, long quantity) {
        return onHand -> reserved -> new StockReservedEvent(ID, new OrderId(orderId), quantity, onHand, reserved);
    }

    static ReleaseStockCommand release(String orderId, long quantity) {
        return new ReleaseStockCommand(ID, new OrderId(orderId), Quantity.of(quantity), "cancelled");
    }

    static OnHand<StockReleasedEvent> released(String orderId, long quantity, String reason) {
        return onHand -> reserved -> new StockReleasedEvent(ID, new OrderId(orderId), quantity, reason, onHand,
                reserved);
    }

    /** A-01 holds 5, B-02 holds 2. */
    static Object[] fiveAndTwo() {
        return new Object[] {received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0),
                received(R1, 1, B, 2).binHolds(2).onHand(7).reserved(0)};
    }

    private static void expectRejected(ResultValidator<Stock> result, Matcher<?> rejection) {
        result.expectNoEvents().expectException(rejection);
    }

    // ---- receive ----

    @Test
    void receiveCreatesTheStock() {
        fixture.givenNoPriorActivity()
                .when(receive(R1, 0, A, 5))
                .expectSuccessfulHandlerExecution()
                .expectEvents(received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0));
    }

    @Test
    void receiveCarriesTheFiguresAfter() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(receive(R2, 0, A, 4))
                .expectEvents(received(R2, 0, A, 4).binHolds(9).onHand(11).reserved(3));
    }

    @Test
    void sameReceiptLineAgainChangesNothing() {
        fixture.given(fiveAndTwo())
                .when(receive(R1, 1, B, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void otherLineOfTheSameReceiptIsPosted() {
        fixture.given(received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0))
                .when(receive(R1, 1, A, 5))
                .expectEvents(received(R1, 1, A, 5).binHolds(10).onHand(10).reserved(0));
    }

    @Test
    void receiveIntoUnknownWarehouseIsNotFound() {
        expectRejected(fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(StockId.of("SKU-1", "NOPE"), R1, 0, A, Quantity.of(1))), notFound());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-01", "OUTBOUND"})
    void receiveIntoUnknownOrStagingLocationIsInvalid(String location) {
        expectRejected(fixture.givenNoPriorActivity().when(receive(R1, 0, new Location(location), 1)),
                invalid("location"));
    }

    // ---- move ----

    @Test
    void moveCarriesTheFiguresAfter() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(move(A, B, 4))
                .expectEvents(moved(A, B, 4).fromHolds(1).toHolds(6).onHand(7).reserved(3));
    }

    @Test
    void moveEverythingEmptiesTheLocation() {
        fixture.given(fiveAndTwo()).andGiven(moved(A, B, 5).fromHolds(0).toHolds(7).onHand(7).reserved(0))
                .when(move(B, A, 7))
                .expectEvents(moved(B, A, 7).fromHolds(0).toHolds(7).onHand(7).reserved(0));
    }

    @Test
    void moveMoreThanTheLocationHoldsConflicts() {
        // 7 on hand, but A-01 holds only 5
        expectRejected(fixture.given(fiveAndTwo()).when(move(A, B, 6)), conflict());
    }

    @Test
    void moveFromALocationEmptiedByAMoveConflicts() {
        expectRejected(fixture.given(fiveAndTwo())
                .andGiven(moved(A, B, 5).fromHolds(0).toHolds(7).onHand(7).reserved(0))
                .when(move(A, B, 1)), conflict());
    }

    @Test
    void moveToTheSameLocationIsInvalid() {
        expectRejected(fixture.given(fiveAndTwo()).when(move(A, A, 1)), invalid("to"));
    }

    @ParameterizedTest
    @CsvSource({"X-01, B-02, from", "A-01, X-01, to", "OUTBOUND, B-02, from", "A-01, OUTBOUND, to"})
    void moveWithUnknownOrStagingLocationIsInvalid(String from, String to, String field) {
        expectRejected(fixture.given(fiveAndTwo()).when(move(new Location(from), new Location(to), 1)),
                invalid(field));
    }

    @Test
    void moveOfStockNeverReceivedIsNotFound() {
        fixture.givenNoPriorActivity().when(move(A, B, 1)).expectException(AggregateNotFoundException.class);
    }

    // ---- count ----

    @Test
    void countAboveExpectedAddsTheVariance() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(count(A, 8))
                .expectEvents(counted(A).expected(5).counted(8).onHand(10).reserved(3))
                .expectResultMessagePayload(3L);
    }

    @Test
    void countBelowExpectedSubtractsTheVariance() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(count(A, 2))
                .expectEvents(counted(A).expected(5).counted(2).onHand(4).reserved(3))
                .expectResultMessagePayload(-3L);
    }

    @Test
    void countWithoutVarianceIsRecorded() {
        fixture.given(fiveAndTwo())
                .when(count(B, 2))
                .expectEvents(counted(B).expected(2).counted(2).onHand(7).reserved(0))
                .expectResultMessagePayload(0L);
    }

    @Test
    void countDownToExactlyWhatIsReservedRevokesNothing() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 4).onHand(7).reserved(4))
                .when(count(A, 2))
                .expectEvents(counted(A).expected(5).counted(2).onHand(4).reserved(4))
                .expectResultMessagePayload(-3L);
    }

    @Test
    void countBelowReservedRevokesTheNewestReservationsFirst() {
        fixture.given(received(R1, 0, A, 10).binHolds(10).onHand(10).reserved(0),
                        reserved("o1", 3).onHand(10).reserved(3), reserved("o2", 4).onHand(10).reserved(7),
                        reserved("o3", 2).onHand(10).reserved(9))
                .when(count(A, 5))
                .expectEvents(released("o3", 2, COUNT_SHORTFALL).onHand(10).reserved(7),
                        released("o2", 2, COUNT_SHORTFALL).onHand(10).reserved(5),
                        counted(A).expected(10).counted(5).onHand(5).reserved(5))
                .expectResultMessagePayload(-5L);
    }

    @Test
    void countToZeroRevokesEveryReservation() {
        fixture.given(received(R1, 0, A, 4).binHolds(4).onHand(4).reserved(0), reserved("o1", 1).onHand(4).reserved(1),
                        reserved("o2", 3).onHand(4).reserved(4))
                .when(count(A, 0))
                .expectEvents(released("o2", 3, COUNT_SHORTFALL).onHand(4).reserved(1),
                        released("o1", 1, COUNT_SHORTFALL).onHand(4).reserved(0),
                        counted(A).expected(4).counted(0).onHand(0).reserved(0))
                .expectResultMessagePayload(-4L);
    }

    @Test
    void reservationsRevokedByACountAreGone() {
        fixture.given(received(R1, 0, A, 10).binHolds(10).onHand(10).reserved(0),
                        reserved("o1", 3).onHand(10).reserved(3), reserved("o2", 4).onHand(10).reserved(7),
                        reserved("o3", 2).onHand(10).reserved(9),
                        released("o3", 2, COUNT_SHORTFALL).onHand(10).reserved(7),
                        released("o2", 2, COUNT_SHORTFALL).onHand(10).reserved(5),
                        counted(A).expected(10).counted(5).onHand(5).reserved(5))
                .when(release("o2", 3))
                .expectEvents(released("o2", 2, "cancelled").onHand(5).reserved(3))
                .expectResultMessagePayload(2L);
    }

    @Test
    void countCreatesTheStockWhenMissing() {
        fixture.givenNoPriorActivity()
                .when(count(A, 4))
                .expectEvents(counted(A).expected(0).counted(4).onHand(4).reserved(0))
                .expectResultMessagePayload(4L);
    }

    @Test
    void stockCreatedByACountCanBeReserved() {
        fixture.given(counted(A).expected(0).counted(4).onHand(4).reserved(0))
                .when(reserve("o1", 4))
                .expectEvents(reserved("o1", 4).onHand(4).reserved(4));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Quantity.MAX + 1})
    void countedQuantityOutOfRangeIsInvalid(long countedQuantity) {
        expectRejected(fixture.given(fiveAndTwo()).when(count(A, countedQuantity)), invalid("countedQuantity"));
    }

    @Test
    void countOfTheMaximumIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(count(A, Quantity.MAX))
                .expectEvents(counted(A).expected(0).counted(Quantity.MAX).onHand(Quantity.MAX).reserved(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-01", "OUTBOUND"})
    void countOfUnknownOrStagingLocationIsInvalid(String location) {
        expectRejected(fixture.given(fiveAndTwo()).when(count(new Location(location), 1)), invalid("location"));
    }

    @Test
    void countInUnknownWarehouseIsNotFound() {
        expectRejected(fixture.givenNoPriorActivity()
                .when(new CountStockCommand(StockId.of("SKU-1", "NOPE"), "C1", A, 1, null)), notFound());
    }

    // ---- reserve and release ----

    @Test
    void reserveCarriesTheFiguresAfter() {
        fixture.given(fiveAndTwo())
                .when(reserve("o1", 3))
                .expectEvents(reserved("o1", 3).onHand(7).reserved(3))
                .expectResultMessagePayload(3L);
    }

    @Test
    void reserveEverythingAvailable() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(reserve("o2", 4))
                .expectEvents(reserved("o2", 4).onHand(7).reserved(7));
    }

    @Test
    void reserveMoreThanAvailableReservesWhatIsAvailable() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3))
                .when(reserve("o2", 5))
                .expectEvents(reserved("o2", 4).onHand(7).reserved(7))
                .expectResultMessagePayload(4L);
    }

    @Test
    void reserveWithNothingAvailableReservesNothing() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 7).onHand(7).reserved(7))
                .when(reserve("o2", 1))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void releasePartOfAReservation() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        reserved("o2", 2).onHand(7).reserved(5))
                .when(release("o1", 2))
                .expectEvents(released("o1", 2, "cancelled").onHand(7).reserved(3));
    }

    @Test
    void reservationsOfOneOrderAddUp() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        reserved("o1", 2).onHand(7).reserved(5))
                .when(release("o1", 5))
                .expectEvents(released("o1", 5, "cancelled").onHand(7).reserved(0));
    }

    @Test
    void releaseOfMoreThanTheOrderHoldsReleasesWhatItHolds() {
        // 5 are reserved in all, but o1 holds only 3
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        reserved("o2", 2).onHand(7).reserved(5))
                .when(release("o1", 4))
                .expectEvents(released("o1", 3, "cancelled").onHand(7).reserved(2))
                .expectResultMessagePayload(3L);
    }

    @Test
    void releaseOfAFullyReleasedOrderChangesNothing() {
        fixture.given(fiveAndTwo()).andGiven(reserved("o1", 3).onHand(7).reserved(3),
                        released("o1", 3, "cancelled").onHand(7).reserved(0))
                .when(release("o1", 1))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }
}
