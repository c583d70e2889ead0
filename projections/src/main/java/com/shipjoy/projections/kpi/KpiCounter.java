package com.shipjoy.projections.kpi;

/**
 * What an hour's bucket adds up; the KPI figures are ratios of their sums over a window. Each is attributed to the
 * hour of the event that defines it (see {@link KpiProjection}).
 */
public enum KpiCounter {
    /** Placement figures, in the hour the order was placed. */
    ORDERS_PLACED, UNITS_ORDERED, UNITS_ALLOCATED_AT_PLACEMENT, ORDERS_BACKORDERED_AT_PLACEMENT,
    /** Orders fully shipped, in the hour their last unit shipped: cycle time total, on time, perfect. */
    ORDERS_SHIPPED, CYCLE_MILLIS, ORDERS_ON_TIME, PERFECT_ORDERS,
    /** Units that left, in the hour of their shipment. */
    UNITS_SHIPPED,
    /** Pick confirmations, in the hour of the confirmation. */
    PICKS, ACCURATE_PICKS, UNITS_PICKED, LABOR_MILLIS,
    /** Cycle counts (not the adjustments of short picks), in the hour of the count. */
    COUNTS, ACCURATE_COUNTS,
    /** Units received back, in the hour of the return receipt. */
    UNITS_RETURNED
}
