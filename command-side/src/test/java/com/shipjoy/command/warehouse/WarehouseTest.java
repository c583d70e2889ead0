package com.shipjoy.command.warehouse;

import com.shipjoy.command.Rejections;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.warehouse.AddLocationsCommand;
import com.shipjoy.events.warehouse.Created;
import com.shipjoy.events.warehouse.LocationsAddedEvent;
import com.shipjoy.events.warehouse.RegisterWarehouseCommand;
import com.shipjoy.events.warehouse.RegisterWorkerCommand;
import com.shipjoy.events.warehouse.WarehouseRegisteredEvent;
import com.shipjoy.events.warehouse.WorkerRegisteredEvent;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WarehouseTest {

    private static final WarehouseId WH = new WarehouseId("WH1");
    private static final WorkerId ANN = new WorkerId("ann");

    private AggregateTestFixture<Warehouse> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Warehouse.class);
    }

    private static List<Location> locs(String... names) {
        return Arrays.stream(names).map(Location::new).toList();
    }

    private static RegisterWarehouseCommand register(String name, String... locations) {
        return new RegisterWarehouseCommand(WH, name, locs(locations));
    }

    private static WarehouseRegisteredEvent registered(String name, String... locations) {
        return new WarehouseRegisteredEvent(WH, name, locs(locations));
    }

    private static void expectConflict(ResultValidator<Warehouse> result) {
        result.expectNoEvents().expectException(Rejections.conflict());
    }

    @Test
    void registerAddsOutboundAndDropsDuplicates() {
        fixture.givenNoPriorActivity()
                .when(register("Main", "A-01", "B-02", "A-01"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered("Main", "A-01", "B-02", "OUTBOUND"))
                .expectResultMessagePayload(Created.NEW);
    }

    @Test
    void registerWithOutboundGivenKeepsItOnce() {
        fixture.givenNoPriorActivity()
                .when(register("Main", "OUTBOUND", "A-01"))
                .expectEvents(registered("Main", "OUTBOUND", "A-01"));
    }

    @Test
    void identicalRegistrationAgainStoresNothing() {
        fixture.given(registered("Main", "A-01", "B-02", "OUTBOUND"))
                // order, repeats and an explicit OUTBOUND do not make the content different
                .when(register("Main", "B-02", "A-01", "B-02", "OUTBOUND"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Created.REPEATED);
    }

    @Test
    void identicalRegistrationAfterAddedLocationsIsStillARepeat() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"), new LocationsAddedEvent(WH, locs("Z-99")))
                .when(register("Main", "A-01"))
                .expectNoEvents()
                .expectResultMessagePayload(Created.REPEATED);
    }

    @Test
    void sameIdWithOtherNameConflicts() {
        expectConflict(fixture.given(registered("Main", "A-01", "OUTBOUND")).when(register("Other", "A-01")));
    }

    @Test
    void sameIdWithOtherLocationsConflicts() {
        expectConflict(fixture.given(registered("Main", "A-01", "OUTBOUND")).when(register("Main", "A-01", "A-02")));
    }

    @Test
    void sameIdWithFewerLocationsConflicts() {
        expectConflict(fixture.given(registered("Main", "A-01", "A-02", "OUTBOUND")).when(register("Main", "A-01")));
    }

    @Test
    void addLocationsRecordsOnlyNewOnes() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"))
                .when(new AddLocationsCommand(WH, locs("A-01", "C-03", "OUTBOUND", "C-03", "D-04")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LocationsAddedEvent(WH, locs("C-03", "D-04")));
    }

    @Test
    void addLocationsAlreadyAddedEarlierRecordsNothing() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"), new LocationsAddedEvent(WH, locs("C-03")))
                .when(new AddLocationsCommand(WH, locs("C-03", "A-01", "OUTBOUND")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registerNewWorker() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"))
                .when(new RegisterWorkerCommand(WH, ANN, "Ann"))
                .expectEvents(new WorkerRegisteredEvent(WH, ANN, "Ann"))
                .expectResultMessagePayload(Created.NEW);
    }

    @Test
    void secondWorkerIsNewToo() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"), new WorkerRegisteredEvent(WH, ANN, "Ann"))
                .when(new RegisterWorkerCommand(WH, new WorkerId("bob"), "Ann"))
                .expectEvents(new WorkerRegisteredEvent(WH, new WorkerId("bob"), "Ann"))
                .expectResultMessagePayload(Created.NEW);
    }

    @Test
    void sameWorkerAgainStoresNothing() {
        fixture.given(registered("Main", "A-01", "OUTBOUND"), new WorkerRegisteredEvent(WH, ANN, "Ann"))
                .when(new RegisterWorkerCommand(WH, ANN, "Ann"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Created.REPEATED);
    }

    @Test
    void sameWorkerWithOtherNameConflicts() {
        expectConflict(fixture.given(registered("Main", "A-01", "OUTBOUND"), new WorkerRegisteredEvent(WH, ANN, "Ann"))
                .when(new RegisterWorkerCommand(WH, ANN, "Anne")));
    }

    @Test
    void addLocationsToUnknownWarehouseIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AddLocationsCommand(WH, locs("A-01")))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void registerWorkerInUnknownWarehouseIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWorkerCommand(WH, ANN, "Ann"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
