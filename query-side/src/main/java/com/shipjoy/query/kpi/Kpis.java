package com.shipjoy.query.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The KPI document (contract §7): the figures are defined in the controller's OpenAPI description. */
public record Kpis(String warehouseId, Instant from, Instant to, long ordersPlaced, long ordersShipped, long unitsShipped,
            BigDecimal fillRate, BigDecimal backorderRate, CycleTime orderCycleTimeMinutes, BigDecimal onTimeShipRate,
            BigDecimal pickAccuracy, BigDecimal unitsPerLaborHour, BigDecimal inventoryAccuracy,
            BigDecimal returnRate, BigDecimal perfectOrderRate, Map<String, Long> openOrdersByStatus,
            List<Hour> hourly) {

    /** Minutes from placement to the last unit shipped; null without orders fully shipped. */
    record CycleTime(BigDecimal avg, BigDecimal p50, BigDecimal p95) {
    }

    record Hour(Instant hour, long ordersPlaced, long ordersShipped, long unitsPicked) {
    }
}
