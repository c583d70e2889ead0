package com.shipjoy.projections.kpi;

/** The key part of a warehouse, or of all warehouses: '*' is no warehouse id. Also the KPI streams' scopes. */
public final class KpiScope {

    public static final String OVERALL = "*";

    private KpiScope() {
    }

    public static String of(String warehouseId) {
        return warehouseId == null ? OVERALL : warehouseId;
    }
}
