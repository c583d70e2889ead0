package com.shipjoy.command.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/**
 * The JPA repositories behind the narrow stores the allocation process uses ({@link OrderAllocationTest} runs on
 * in-memory fakes of them): Spring Data must route each store method to its CRUD implementation or derive its
 * query, and the backorder queue must come back oldest turn first.
 */
@DataJpaTest
class AllocationStoresJpaTest {

    /** Scans this package only: the allocation entities and repositories, without Axon or the web layer. */
    @SpringBootConfiguration
    @AutoConfigurationPackage
    static class Jpa {
    }

    @Autowired
    BackorderStore backorders;
    @Autowired
    ReservationStore reservations;
    @Autowired
    StockLevelStore levels;

    @Test
    void theBackorderQueueIsOldestTurnFirstThenByOrderId() {
        backorders.save(new BackorderEntry("O-3", "MUG", 1, 200));
        backorders.save(new BackorderEntry("O-2", "MUG", 2, 100));
        backorders.save(new BackorderEntry("O-1", "MUG", 3, 100));
        backorders.save(new BackorderEntry("O-1", "CUP", 4, 50));

        assertThat(backorders.findBySkuOrderByQueuedAtAscOrderIdAsc("MUG")).extracting(BackorderEntry::orderId)
                .containsExactly("O-1", "O-2", "O-3");
        assertThat(backorders.findById(BackorderEntry.key("O-1", "CUP"))).get().extracting(BackorderEntry::quantity)
                .isEqualTo(4L);
        backorders.deleteAll(backorders.findByOrderId("O-1"));
        backorders.delete(backorders.findById(BackorderEntry.key("O-2", "MUG")).orElseThrow());
        assertThat(backorders.findBySkuOrderByQueuedAtAscOrderIdAsc("MUG")).extracting(BackorderEntry::orderId)
                .containsExactly("O-3");
    }

    @Test
    void reservationsAreFoundPerOrderAndDeleted() {
        reservations.save(new ReservationEntry("O-1", "MUG", "W1", 100)).add(2);
        reservations.save(new ReservationEntry("O-1", "MUG", "W2", 100));
        reservations.save(new ReservationEntry("O-2", "MUG", "W1", 200));

        assertThat(reservations.findByOrderId("O-1")).extracting(ReservationEntry::warehouseId)
                .containsExactlyInAnyOrder("W1", "W2");
        reservations.delete(reservations.findById(ReservationEntry.key("O-1", "MUG", "W2")).orElseThrow());
        reservations.deleteAll(reservations.findByOrderId("O-2"));
        assertThat(reservations.findByOrderId("O-1")).extracting(ReservationEntry::quantity).containsExactly(2L);
        assertThat(reservations.findByOrderId("O-2")).isEmpty();
    }

    @Test
    void stockLevelsAreFoundPerSku() {
        levels.save(new StockLevelEntry("W1:MUG", "MUG", "W1", 5, 2));
        levels.save(new StockLevelEntry("W2:MUG", "MUG", "W2", 1, 1));
        levels.save(new StockLevelEntry("W1:CUP", "CUP", "W1", 9, 0));

        assertThat(new StockLevels(levels).available("MUG")).containsExactly(java.util.Map.entry("W1", 3L));
        assertThat(levels.findBySku("MUG")).extracting(StockLevelEntry::warehouseId).containsExactlyInAnyOrder("W1",
                "W2");
    }
}
