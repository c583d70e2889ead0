package com.shipjoy.command.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.order.LineAllocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationPlannerTest {

    private static List<String> plan(Map<String, Long> needs, Map<String, Map<String, Long>> available) {
        return AllocationPlanner.plan(needs, available).stream().map(AllocationPlannerTest::describe).toList();
    }

    private static String describe(LineAllocation allocation) {
        return allocation.sku() + "@" + allocation.warehouseId() + "=" + allocation.quantity();
    }

    private static Map<String, Long> needs(Object... skuAndQuantity) {
        Map<String, Long> needs = new LinkedHashMap<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            needs.put((String) skuAndQuantity[i], ((Number) skuAndQuantity[i + 1]).longValue());
        }
        return needs;
    }

    @Test
    void oneWarehouseThatFillsTheWholeOrderIsPreferredOverSplitting() {
        // W1 has more mugs, but only W2 can fill both lines.
        assertThat(plan(needs("MUG", 2, "CUP", 1), Map.of(
                "MUG", Map.of("W1", 10L, "W2", 2L),
                "CUP", Map.of("W2", 1L))))
                .containsExactly("MUG@W2=2", "CUP@W2=1");
    }

    @Test
    void amongWarehousesThatFillTheOrderTheFirstByIdIsChosen() {
        assertThat(plan(needs("MUG", 2), Map.of("MUG", Map.of("W2", 5L, "W1", 5L))))
                .containsExactly("MUG@W1=2");
    }

    @Test
    void withoutSuchAWarehouseEachLineSplitsOverTheWarehousesHoldingMostFirst() {
        assertThat(plan(needs("MUG", 7, "CUP", 1), Map.of(
                "MUG", Map.of("W1", 2L, "W2", 4L, "W3", 4L),
                "CUP", Map.of("W1", 1L))))
                .containsExactly("MUG@W2=4", "MUG@W3=3", "CUP@W1=1");
    }

    @Test
    void whatNoWarehouseHoldsIsLeftOut() {
        assertThat(plan(needs("MUG", 5, "CUP", 2), Map.of("MUG", Map.of("W1", 3L))))
                .containsExactly("MUG@W1=3");
        assertThat(plan(needs("MUG", 5), Map.of())).isEmpty();
    }
}
