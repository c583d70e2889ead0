package com.shipjoy.command.allocation;

import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.LineAllocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where an order's units come from : one warehouse that can fill the whole order is preferred (the
 * first by id, for a stable choice); otherwise each line is split over the warehouses holding most of it first. What
 * no warehouse holds stays unallocated (backordered).
 */
final class AllocationPlanner {

    private AllocationPlanner() {
    }

    /**
     * @param needs     units wanted per sku, in the order's line order
     * @param available available units per sku, per warehouse
     */
    static List<LineAllocation> plan(Map<String, Long> needs, Map<String, Map<String, Long>> available) {
        Optional<String> whole = singleWarehouse(needs, available);
        List<LineAllocation> plan = new ArrayList<>();
        needs.forEach((sku, need) -> {
            if (whole.isPresent()) {
                plan.add(allocation(sku, whole.get(), need));
                return;
            }
            long left = need;
            List<Map.Entry<String, Long>> mostFirst = new ArrayList<>(available.getOrDefault(sku, Map.of())
                    .entrySet());
            mostFirst.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<String, Long> warehouse : mostFirst) {
                long take = Math.min(left, warehouse.getValue());
                if (take > 0) {
                    plan.add(allocation(sku, warehouse.getKey(), take));
                    left -= take;
                }
            }
        });
        return plan;
    }

    private static Optional<String> singleWarehouse(Map<String, Long> needs, Map<String, Map<String, Long>> available) {
        TreeSet<String> warehouses = new TreeSet<>();
        available.values().forEach(perWarehouse -> warehouses.addAll(perWarehouse.keySet()));
        return warehouses.stream().filter(warehouse -> needs.entrySet().stream().allMatch(need ->
                available.getOrDefault(need.getKey(), Map.of()).getOrDefault(warehouse, 0L) >= need.getValue()))
                .findFirst();
    }

    private static LineAllocation allocation(String sku, String warehouseId, long quantity) {
        return new LineAllocation(new Sku(sku), new WarehouseId(warehouseId), Quantity.of(quantity));
    }
}
