package com.shipjoy.command.fulfillment;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.notFound;

import com.shipjoy.command.stock.FakeWarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.fulfillment.AssignTaskCommand;
import com.shipjoy.events.fulfillment.CancelShipmentCommand;
import com.shipjoy.events.fulfillment.Carton;
import com.shipjoy.events.fulfillment.CartonLine;
import com.shipjoy.events.fulfillment.ConfirmPickCommand;
import com.shipjoy.events.fulfillment.PackShipmentCommand;
import com.shipjoy.events.fulfillment.PickOutcomeRecordedEvent;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.RecordPickOutcomeCommand;
import com.shipjoy.events.fulfillment.ReleaseShipmentCommand;
import com.shipjoy.events.fulfillment.ShipShipmentCommand;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentPickedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.stock.PickLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of a shipment and its pick tasks. */
class ShipmentTest {

    static final ShipmentId S1 = new ShipmentId("S1");
    static final OrderId O1 = new OrderId("O-1");
    static final WarehouseId WH = new WarehouseId("WH1");
    static final Instant PLACED_AT = Instant.parse("2026-01-01T10:00:00Z");
    static final Sku MUG = new Sku("MUG-1");
    static final Sku CUP = new Sku("CUP-1");
    static final Location A = new Location("A-01");
    static final Location B = new Location("B-02");
    static final WorkerId ANN = new WorkerId("ann");
    static final WorkerId BOB = new WorkerId("bob");
    static final TaskId T1 = TaskId.of(S1, 1);
    static final TaskId T2 = TaskId.of(S1, 2);
    static final TaskId T3 = TaskId.of(S1, 3);

    private AggregateTestFixture<Shipment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shipment.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02")
                .worker("WH1", "ann").worker("WH1", "bob").worker("WH2", "eve"));
    }

    // ---- commands and events ----

    /** Task 1: 3 mugs at A-01; task 2: 2 cups at B-02. */
    static List<PickTask> twoTasks() {
        return List.of(new PickTask(T1, MUG, A, 3), new PickTask(T2, CUP, B, 2));
    }

    static ShipmentReleasedEvent released() {
        return new ShipmentReleasedEvent(S1, O1, WH, PLACED_AT, twoTasks());
    }

    static TaskAssignedEvent assigned(TaskId task, WorkerId worker) {
        return new TaskAssignedEvent(S1, task, O1, WH, worker);
    }

    /** What the fixture stores for a confirmation of an assigned task (given events are stamped with its clock). */
    TaskConfirmedEvent confirmed(TaskId task, Sku sku, Location at, Found found) {
        return new TaskConfirmedEvent(S1, task, O1, WH, ANN, sku, at, found.expected(), found.units(),
                fixture.currentTime());
    }

    /** What a picker found of what the task asked for, written {@code found(1).of(3)}. */
    record Found(long units, long expected) {

        Found of(long asked) {
            return new Found(units, asked);
        }
    }

    static Found found(long units) {
        return new Found(units, 0);
    }

    static PickOutcomeRecordedEvent outcome(TaskId task, Sku sku, long picked) {
        return new PickOutcomeRecordedEvent(S1, task, O1, WH, sku, picked);
    }

    static RecordPickOutcomeCommand recordOutcome(TaskId task, long picked, PickLocation... followUps) {
        return new RecordPickOutcomeCommand(S1, task, picked, List.of(followUps));
    }

    static ConfirmPickCommand confirm(TaskId task, WorkerId worker, Location at, long quantity) {
        return new ConfirmPickCommand(task, worker, at, quantity);
    }

    static Carton carton(String cartonId, CartonLine... lines) {
        return new Carton(cartonId, 1200, List.of(lines));
    }

    static CartonLine line(Sku sku, long quantity) {
        return new CartonLine(sku, Quantity.of(quantity));
    }

    static PackShipmentCommand pack(Carton... cartons) {
        return new PackShipmentCommand(S1, List.of(cartons));
    }

    /** 3 mugs and 2 cups, in two cartons. */
    static List<Carton> everything() {
        return List.of(carton("C1", line(MUG, 3)), carton("C2", line(CUP, 2)));
    }

    /** Both tasks assigned to Ann. */
    Object[] assignedToAnn() {
        return new Object[] {released(), assigned(T1, ANN), assigned(T2, ANN)};
    }

    /** Both tasks picked in full, their outcomes in: the shipment is PICKED. */
    Object[] picked() {
        return concat(assignedToAnn(), confirmed(T1, MUG, A, found(3).of(3)), confirmed(T2, CUP, B, found(2).of(2)),
                outcome(T1, MUG, 3), outcome(T2, CUP, 2),
                new ShipmentPickedEvent(S1, O1, WH, Map.of("MUG-1", 3L, "CUP-1", 2L)));
    }

    Object[] packed() {
        return concat(picked(), new ShipmentPackedEvent(S1, O1, WH, everything()));
    }

    Object[] shipped() {
        return concat(packed(), new ShipmentShippedEvent(S1, O1, WH, "UPS", "1Z1", Map.of("MUG-1", 3L,
                "CUP-1", 2L)));
    }

    /** What cancelling the shipment stores before anything was picked. */
    static Object[] cancelledWithItsTasks() {
        return new Object[] {new TaskCancelledEvent(S1, T1, O1, WH), new TaskCancelledEvent(S1, T2, O1, WH),
                new ShipmentCancelledEvent(S1, O1, WH, "x")};
    }

    static Object[] concat(Object[] first, Object... more) {
        List<Object> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    private static void expectRejected(ResultValidator<Shipment> result, Matcher<?> rejection) {
        result.expectNoEvents().expectException(rejection);
    }

    // ---- release ----

    @Test
    void releaseCreatesTheShipmentWithItsTasks() {
        fixture.givenNoPriorActivity()
                .when(new ReleaseShipmentCommand(S1, O1, WH, PLACED_AT, twoTasks()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(released());
    }

    @Test
    void repeatedReleaseStoresNothing() {
        fixture.given(released())
                .when(new ReleaseShipmentCommand(S1, O1, WH, PLACED_AT, twoTasks()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- assign ----

    @Test
    void assignAnOpenTaskToARegisteredWorker() {
        fixture.given(released())
                .when(new AssignTaskCommand(T1, ANN))
                .expectEvents(assigned(T1, ANN));
    }

    @Test
    void assignUnknownTaskIsNotFound() {
        expectRejected(fixture.given(released()).when(new AssignTaskCommand(TaskId.of(S1, 9), ANN)), notFound());
    }

    @Test
    void assignToAWorkerOfAnotherWarehouseConflicts() {
        expectRejected(fixture.given(released()).when(new AssignTaskCommand(T1, new WorkerId("eve"))), conflict());
    }

    @Test
    void assignToAnUnknownWorkerConflicts() {
        expectRejected(fixture.given(released()).when(new AssignTaskCommand(T1, new WorkerId("zed"))), conflict());
    }

    @Test
    void assignATaskThatIsNotOpenConflicts() {
        expectRejected(fixture.given(released(), assigned(T1, ANN)).when(new AssignTaskCommand(T1, BOB)),
                conflict());
        expectRejected(fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(3).of(3)))
                .when(new AssignTaskCommand(T1, BOB)), conflict());
    }

    @Test
    void assignATaskOfACancelledShipmentConflicts() {
        expectRejected(fixture.given(released()).andGiven(cancelledWithItsTasks())
                .when(new AssignTaskCommand(T1, ANN)), conflict());
    }

    // ---- confirm ----

    @Test
    void fullConfirmCarriesWhenTheTaskWasAssigned() {
        Instant assignedAt = fixture.currentTime();
        fixture.given(assignedToAnn())
                .when(confirm(T1, ANN, A, 3))
                .expectEvents(new TaskConfirmedEvent(S1, T1, O1, WH, ANN, MUG, A, 3, 3, assignedAt));
    }

    @Test
    void shortConfirmIsAccepted() {
        fixture.given(assignedToAnn())
                .when(confirm(T1, ANN, A, 1))
                .expectEvents(confirmed(T1, MUG, A, found(1).of(3)));
    }

    /** Task 1 is Ann's: 3 mugs at A-01. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"another worker, bob, A-01, 3", "another location, ann, B-02, 3",
            "more than the task's quantity, ann, A-01, 4"})
    void confirmThatDoesNotFitTheTaskConflicts(String rule, String worker, String location, long quantity) {
        expectRejected(fixture.given(assignedToAnn()).when(confirm(T1, new WorkerId(worker), new Location(location),
                quantity)), conflict());
    }

    @Test
    void confirmATaskNotAssignedConflicts() {
        expectRejected(fixture.given(released()).when(confirm(T1, ANN, A, 3)), conflict());
    }

    @Test
    void confirmATaskAlreadyDoneConflicts() {
        expectRejected(fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(3).of(3)))
                .when(confirm(T1, ANN, A, 3)), conflict());
    }

    @Test
    void confirmOnACancelledShipmentConflicts() {
        expectRejected(fixture.given(assignedToAnn()).andGiven(cancelledWithItsTasks())
                .when(confirm(T1, ANN, A, 3)), conflict());
    }

    @Test
    void confirmUnknownTaskIsNotFound() {
        expectRejected(fixture.given(assignedToAnn()).when(confirm(TaskId.of(S1, 7), ANN, A, 1)), notFound());
    }

    // ---- pick outcomes ----

    @Test
    void anOutcomeIsRecordedAndTheShipmentWaitsForTheOtherTasks() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(3).of(3)))
                .when(recordOutcome(T1, 3))
                .expectEvents(outcome(T1, MUG, 3));
    }

    @Test
    void anOutcomeIsRecordedOnce() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(3).of(3)), outcome(T1, MUG, 3))
                .when(recordOutcome(T1, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** What task 1 found of its mugs (its outcome is in) and task 2 of its cups: the outcome of task 2 is the last. */
    private ResultValidator<Shipment> lastOutcome(Found mugs, Found cups) {
        return fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, mugs), outcome(T1, MUG, mugs.units()),
                        confirmed(T2, CUP, B, cups))
                .when(recordOutcome(T2, cups.units()));
    }

    @Test
    void theLastOutcomeMakesTheShipmentPicked() {
        lastOutcome(found(3).of(3), found(2).of(2)).expectEvents(outcome(T2, CUP, 2),
                new ShipmentPickedEvent(S1, O1, WH, Map.of("MUG-1", 3L, "CUP-1", 2L)));
    }

    @Test
    void aConfirmedTaskWithoutItsOutcomeKeepsTheShipmentFromBeingPicked() {
        fixture.given(assignedToAnn())
                .andGiven(confirmed(T1, MUG, A, found(3).of(3)), confirmed(T2, CUP, B, found(2).of(2)))
                .when(recordOutcome(T2, 2))
                .expectEvents(outcome(T2, CUP, 2));
    }

    @Test
    void followUpTasksAreNumberedAfterTheExistingOnesAndKeepTheShipmentPicking() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T2, CUP, B, found(2).of(2)), outcome(T2, CUP, 2),
                        confirmed(T1, MUG, A, found(1).of(3)))
                .when(recordOutcome(T1, 1, new PickLocation(B, 1), new PickLocation(new Location("C-03"), 1)))
                .expectEvents(outcome(T1, MUG, 1), new PickTasksAddedEvent(S1, O1, WH, PLACED_AT,
                        List.of(new PickTask(T3, MUG, B, 1), new PickTask(TaskId.of(S1, 4), MUG,
                                new Location("C-03"), 1))));
    }

    @Test
    void followUpTasksAfterEarlierFollowUpsGetTheNextNumber() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(1).of(3)), outcome(T1, MUG, 1),
                        new PickTasksAddedEvent(S1, O1, WH, PLACED_AT, List.of(new PickTask(T3, MUG, B, 2))),
                        assigned(T3, ANN), confirmed(T3, MUG, B, found(1).of(2)))
                .when(recordOutcome(T3, 1, new PickLocation(new Location("C-03"), 1)))
                .expectEvents(outcome(T3, MUG, 1), new PickTasksAddedEvent(S1, O1, WH, PLACED_AT,
                        List.of(new PickTask(TaskId.of(S1, 4), MUG, new Location("C-03"), 1))));
    }

    @Test
    void theShipmentIsPickedOnceTheFollowUpsAreIn() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(1).of(3)), outcome(T1, MUG, 1),
                        new PickTasksAddedEvent(S1, O1, WH, PLACED_AT, List.of(new PickTask(T3, MUG, B, 2))),
                        confirmed(T2, CUP, B, found(2).of(2)), outcome(T2, CUP, 2), assigned(T3, ANN),
                        confirmed(T3, MUG, B, found(2).of(2)))
                .when(recordOutcome(T3, 2))
                .expectEvents(outcome(T3, MUG, 2),
                        new ShipmentPickedEvent(S1, O1, WH, Map.of("MUG-1", 3L, "CUP-1", 2L)));
    }

    @Test
    void aShortPickWithoutFollowUpsIsPickedWithWhatWasFound() {
        lastOutcome(found(1).of(3), found(0).of(2)).expectEvents(outcome(T2, CUP, 0),
                new ShipmentPickedEvent(S1, O1, WH, Map.of("MUG-1", 1L)));
    }

    @Test
    void nothingPickedAtAllCancelsTheShipment() {
        lastOutcome(found(0).of(3), found(0).of(2)).expectEvents(outcome(T2, CUP, 0),
                new ShipmentCancelledEvent(S1, O1, WH, "nothing was found to pick"));
    }

    // ---- pack ----

    @Test
    void packBeforePickedConflicts() {
        expectRejected(fixture.given(assignedToAnn())
                .andGiven(confirmed(T1, MUG, A, found(3).of(3)), outcome(T1, MUG, 3))
                .when(new PackShipmentCommand(S1, everything())), conflict());
    }

    @Test
    void packExactlyWhatWasPicked() {
        fixture.given(picked())
                // the cartons may split a sku
                .when(pack(carton("C1", line(MUG, 2), line(CUP, 2)), carton("C2", line(MUG, 1))))
                .expectEvents(new ShipmentPackedEvent(S1, O1, WH, List.of(carton("C1", line(MUG, 2), line(CUP, 2)),
                        carton("C2", line(MUG, 1)))));
    }

    @Test
    void packFewerThanPickedConflicts() {
        expectRejected(fixture.given(picked()).when(pack(carton("C1", line(MUG, 3), line(CUP, 1)))), conflict());
        expectRejected(fixture.given(picked()).when(pack(carton("C1", line(MUG, 3)))), conflict());
    }

    @Test
    void packMoreThanPickedConflicts() {
        expectRejected(fixture.given(picked()).when(pack(carton("C1", line(MUG, 3), line(CUP, 2)),
                carton("C2", line(MUG, 1)))), conflict());
    }

    @Test
    void packAnotherSkuConflicts() {
        expectRejected(fixture.given(picked()).when(pack(carton("C1", line(MUG, 3), line(CUP, 2)),
                carton("C2", line(new Sku("PLATE-1"), 1)))), conflict());
        expectRejected(fixture.given(picked()).when(pack(carton("C1", line(MUG, 3), line(new Sku("PLATE-1"), 2)))),
                conflict());
    }

    @Test
    void packAgainIdenticallyStoresNothing() {
        fixture.given(packed())
                .when(new PackShipmentCommand(S1, everything()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void packAgainOtherwiseConflicts() {
        expectRejected(fixture.given(packed()).when(pack(carton("C9", line(MUG, 3), line(CUP, 2)))), conflict());
    }

    // ---- ship ----

    @Test
    void shipBeforePackConflicts() {
        expectRejected(fixture.given(picked()).when(new ShipShipmentCommand(S1, "UPS", "1Z1")), conflict());
    }

    @Test
    void shipCarriesThePickedUnitsPerSku() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(1).of(3)), outcome(T1, MUG, 1),
                        new PickTasksAddedEvent(S1, O1, WH, PLACED_AT, List.of(new PickTask(T3, MUG, B, 2))),
                        confirmed(T2, CUP, B, found(2).of(2)), outcome(T2, CUP, 2), assigned(T3, ANN),
                        confirmed(T3, MUG, B, found(1).of(2)), outcome(T3, MUG, 1),
                        new ShipmentPickedEvent(S1, O1, WH, Map.of("MUG-1", 2L, "CUP-1", 2L)),
                        new ShipmentPackedEvent(S1, O1, WH, List.of(carton("C1", line(MUG, 2), line(CUP, 2)))))
                .when(new ShipShipmentCommand(S1, "UPS", "1Z1"))
                .expectEvents(new ShipmentShippedEvent(S1, O1, WH, "UPS", "1Z1", Map.of("MUG-1", 2L, "CUP-1", 2L)));
    }

    @Test
    void shipAgainIdenticallyStoresNothing() {
        fixture.given(shipped())
                .when(new ShipShipmentCommand(S1, "UPS", "1Z1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void shipAgainWithOtherTrackingConflicts() {
        expectRejected(fixture.given(shipped()).when(new ShipShipmentCommand(S1, "UPS", "1Z2")), conflict());
    }

    // ---- cancel ----

    @Test
    void cancelCancelsOpenAndAssignedTasksThenTheShipment() {
        fixture.given(released(), new PickTasksAddedEvent(S1, O1, WH, PLACED_AT, List.of(new PickTask(T3, MUG,
                        B, 1))), assigned(T2, ANN), assigned(T1, ANN), confirmed(T1, MUG, A, found(2).of(3)))
                .when(new CancelShipmentCommand(S1, "order cancelled"))
                .expectEvents(new TaskCancelledEvent(S1, T2, O1, WH), new TaskCancelledEvent(S1, T3, O1, WH),
                        new ShipmentCancelledEvent(S1, O1, WH, "order cancelled"));
    }

    @Test
    void cancelAShippedShipmentChangesNothing() {
        fixture.given(shipped())
                .when(new CancelShipmentCommand(S1, "order cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancelACancelledShipmentChangesNothing() {
        fixture.given(released()).andGiven(cancelledWithItsTasks())
                .when(new CancelShipmentCommand(S1, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOutcomeForACancelledShipmentIsIgnored() {
        fixture.given(assignedToAnn()).andGiven(confirmed(T1, MUG, A, found(3).of(3)),
                        new TaskCancelledEvent(S1, T2, O1, WH), new ShipmentCancelledEvent(S1, O1, WH, "x"))
                .when(recordOutcome(T1, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}