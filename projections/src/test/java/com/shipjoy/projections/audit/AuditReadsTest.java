package com.shipjoy.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.projections.InProcessMongo;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The audit's own reading of the inventory and the checkpoints reads exactly what Spring Data reads. */
class AuditReadsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoTemplate mongo = store.template();

    @Test
    void inventoryDocumentsReadAsSpringDataReadsThem() {
        mongo.save(new InventoryDocument("MUG", 12, 4, 8, List.of(
                new WarehouseStock("W1", 10, 4, 6, List.of(new LocationStock("A-01", 7), new LocationStock("OUTBOUND",
                        3)), 41L),
                new WarehouseStock("W2", 2, 0, 2, List.of(new LocationStock("B-01", 2)), null))));
        mongo.save(new InventoryDocument("TEE", 0, 0, 0, List.of()));
        mongo.save(new InventoryDocument("CAP", 5_000_000_000L, 0, 5_000_000_000L, List.of(
                new WarehouseStock("W1", 5_000_000_000L, 0, 5_000_000_000L, List.of(), 7L))));

        try (Stream<InventoryDocument> read = AuditReads.inventory(mongo)) {
            assertThat(read.toList()).containsExactlyInAnyOrderElementsOf(mongo.findAll(InventoryDocument.class))
                    .hasSize(3);
        }
    }

    @Test
    void checkpointsReadAsSpringDataReadsThem() {
        mongo.save(new StockCheckpoints("MUG", List.of(
                new StockCheckpoints.Stock("W1", 17L, new Checkpoint(260, T0, 261, 3, List.of(
                        new LocationStock("A-01", 9))), List.of(new StockCheckpoints.Mark(0, T0),
                        new StockCheckpoints.Mark(250, T0.plusSeconds(60)))),
                new StockCheckpoints.Stock("W2", null, new Checkpoint(0, T0, 1, 0, List.of()), List.of()))));
        mongo.save(new StockCheckpoints("TEE", List.of()));

        try (Stream<StockCheckpoints> read = AuditReads.checkpoints(mongo)) {
            assertThat(read.toList()).containsExactlyInAnyOrderElementsOf(mongo.findAll(StockCheckpoints.class))
                    .hasSize(2);
        }
    }
}
