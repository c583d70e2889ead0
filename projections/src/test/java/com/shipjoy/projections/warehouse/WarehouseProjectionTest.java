package com.shipjoy.projections.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.warehouse.LocationsAddedEvent;
import com.shipjoy.events.warehouse.WarehouseRegisteredEvent;
import com.shipjoy.events.warehouse.WorkerRegisteredEvent;
import com.shipjoy.projections.InProcessMongo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The warehouses read model: sorted locations and workers, and events delivered again change nothing. */
class WarehouseProjectionTest {

    private static final WarehouseId WH = new WarehouseId("WH-1");

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoTemplate mongo = store.template();
    private final WarehouseProjection projection = new WarehouseProjection(mongo);

    @Test
    void locationsAndWorkersAreKeptSortedWhateverOrderTheyCameIn() {
        projection.on(new WarehouseRegisteredEvent(WH, "Main", locations("B-02", "A-01", "OUTBOUND")));
        projection.on(new LocationsAddedEvent(WH, locations("C-03", "AA-9")));
        projection.on(new WorkerRegisteredEvent(WH, new WorkerId("K-2"), "Kai"));
        projection.on(new WorkerRegisteredEvent(WH, new WorkerId("K-1"), "Kim"));

        assertThat(mongo.findById("WH-1", WarehouseDocument.class)).isEqualTo(new WarehouseDocument("WH-1", "Main",
                List.of("A-01", "AA-9", "B-02", "C-03", "OUTBOUND"), List.of(new WarehouseDocument.Worker("K-1",
                "Kim"), new WarehouseDocument.Worker("K-2", "Kai"))));
    }

    @Test
    void everyEventDeliveredAgainChangesNothing() {
        WarehouseRegisteredEvent registered = new WarehouseRegisteredEvent(WH, "Main", locations("A-01", "OUTBOUND"));
        LocationsAddedEvent added = new LocationsAddedEvent(WH, locations("B-02"));
        WorkerRegisteredEvent hired = new WorkerRegisteredEvent(WH, new WorkerId("K-1"), "Kim");
        projection.on(registered);
        projection.on(added);
        projection.on(hired);
        WarehouseDocument once = mongo.findById("WH-1", WarehouseDocument.class);

        projection.on(registered);
        projection.on(added);
        projection.on(hired);
        projection.on(added);

        assertThat(mongo.findAll(WarehouseDocument.class)).containsExactly(once);
        assertThat(once.locations()).containsExactly("A-01", "B-02", "OUTBOUND");
    }

    @Test
    void eventsOfAWarehouseNeverRegisteredAreIgnoredAndAResetEmptiesTheReadModel() {
        projection.on(new LocationsAddedEvent(WH, locations("A-01")));
        projection.on(new WorkerRegisteredEvent(WH, new WorkerId("K-1"), "Kim"));
        assertThat(mongo.findAll(WarehouseDocument.class)).isEmpty();

        projection.on(new WarehouseRegisteredEvent(WH, "Main", locations("OUTBOUND")));
        projection.reset();
        assertThat(mongo.findAll(WarehouseDocument.class)).isEmpty();
    }

    private static List<Location> locations(String... names) {
        return java.util.Arrays.stream(names).map(Location::new).toList();
    }
}
