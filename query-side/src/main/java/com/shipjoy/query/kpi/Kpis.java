package com.shipjoy.query.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.lang.Nullable;

/** The KPI document: the figures are defined in the controller's OpenAPI description. */
public record Kpis(@Nullable String warehouseId, Instant from, Instant to, long ordersPlaced, long ordersShipped,
            long unitsShipped, @Nullable BigDecimal fillRate, @Nullable BigDecimal backorderRate,
            CycleTime orderCycleTimeMinutes, @Nullable BigDecimal onTimeShipRate, @Nullable BigDecimal pickAccuracy,
            @Nullable BigDecimal unitsPerLaborHour, @Nullable BigDecimal inventoryAccuracy,
            @Nullable BigDecimal returnRate, @Nullable BigDecimal perfectOrderRate,
            Map<String, Long> openOrdersByStatus, List<Hour> hourly) {

    /** Minutes from placement to the last unit shipped; null without orders fully shipped. */
    record CycleTime(@Nullable BigDecimal avg, @Nullable BigDecimal p50, @Nullable BigDecimal p95) {
    }

    record Hour(Instant hour, long ordersPlaced, long ordersShipped, long unitsPicked) {
    }
}
