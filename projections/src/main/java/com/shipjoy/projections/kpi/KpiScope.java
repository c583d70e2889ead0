package com.shipjoy.projections.kpi;

/** The key part of a warehouse, or of all warehouses: '*' is no warehouse id. */
final class KpiScope {

    static final String OVERALL = "*";

    private KpiScope() {
    }

    static String of(String warehouseId) {
        return warehouseId == null ? OVERALL : warehouseId;
    }
}
