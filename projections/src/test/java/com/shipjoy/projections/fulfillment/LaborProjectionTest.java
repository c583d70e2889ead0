package com.shipjoy.projections.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.projections.InProcessMongo;
import com.shipjoy.projections.ReadModelFeed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Labor per warehouse, hour and worker: what windows add up. */
class LaborProjectionTest {

    private static final Instant HOUR = Instant.parse("2026-12-05T10:00:00Z");

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoTemplate mongo = store.template();

    @Test
    void confirmationsAddUpPerWarehouseHourAndWorkerAndCountOnceWhenDeliveredAgain() {
        confirm(task(1, "W1", "ANN", 3, 3, 10), task(2, "W1", "ANN", 2, 1, 70), task(3, "W1", "BOB", 5, 5, 20),
                task(4, "W2", "ANN", 1, 1, 30), task(7, "W1", "ANN", 1, 1, 10));
        confirm(task(1, "W1", "ANN", 3, 3, 10), task(2, "W1", "ANN", 2, 1, 70));

        assertThat(workers("W1", HOUR)).containsExactly(new LaborHour.Worker("ANN", 2, 4, minutes(80), 1),
                new LaborHour.Worker("BOB", 1, 5, minutes(20), 0));
        assertThat(workers("W2", HOUR)).containsExactly(new LaborHour.Worker("ANN", 1, 1, minutes(30), 0));
        assertThat(workers("W1", HOUR.plusSeconds(3600)))
                .containsExactly(new LaborHour.Worker("ANN", 1, 1, minutes(10), 0));
        assertThat(mongo.findAll(LaborWarehouse.class)).extracting(LaborWarehouse::warehouseId)
                .containsExactlyInAnyOrder("W1", "W2");
    }

    @Test
    void aStoreFromBeforeTheHoursGetsThemFromItsTasksAtStart() {
        mongo.save(new LaborDocument("T-1", "W1", "ANN", 3, minutes(10), 0, confirmedAt(1)));
        mongo.save(new LaborDocument("T-2", "W1", "ANN", 1, minutes(5), 1, confirmedAt(2)));
        // Stored before labor kept its time: in no window, then as now.
        mongo.save(new LaborDocument("T-OLD", "W1", "ANN", 9, 0, 0, null));

        new LaborProjection(mongo).addUpHoursOfEarlierTasks();
        confirm(task(1, "W1", "ANN", 3, 3, 10), task(3, "W1", "ANN", 2, 2, 10));

        assertThat(workers("W1", HOUR)).containsExactly(new LaborHour.Worker("ANN", 3, 6, minutes(25), 1));
    }

    /** Task {@code T-n}, at position n, confirmed n × 10 minutes into {@link #HOUR} after {@code active} minutes. */
    private static TaskConfirmedEvent task(int n, String warehouse, String worker, long expected, long picked,
                                           int active) {
        return new TaskConfirmedEvent(new ShipmentId("S-" + n), new TaskId("T-" + n), new OrderId("O-" + n),
                new WarehouseId(warehouse), new WorkerId(worker), new Sku("MUG"), new Location("A-1"), expected,
                picked, confirmedAt(n).minusMillis(minutes(active)));
    }

    private static Instant confirmedAt(int n) {
        return HOUR.plusSeconds(n * 600L);
    }

    private static long minutes(int minutes) {
        return minutes * 60_000L;
    }

    private List<LaborHour.Worker> workers(String warehouseId, Instant hour) {
        return mongo.findById(LaborHour.id(warehouseId, hour), LaborHour.class).workers();
    }

    private void confirm(TaskConfirmedEvent... events) {
        try (ReadModelFeed feed = LaborReadModel.feed(mongo)) {
            for (TaskConfirmedEvent event : events) {
                int n = Integer.parseInt(event.taskId().value().substring(2));
                feed.apply(event, n, confirmedAt(n));
            }
        }
    }

}
