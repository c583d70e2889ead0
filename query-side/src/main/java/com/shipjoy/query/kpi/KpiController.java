package com.shipjoy.query.kpi;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "KPIs")
class KpiController {

    private final KpiQueries queries;
    private final EventPositions positions;

    KpiController(KpiQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/api/kpis")
    @Operation(summary = "Fulfillment KPIs of a warehouse or of all, over a window",
            description = KpiWindow.DESCRIPTION + " Figures are kept per UTC hour: every hour the window overlaps "
                    + "counts whole, and hourly has one entry per such hour, oldest first. An order counts in every "
                    + "warehouse it was ever allocated to (overall only before that); units count in the warehouse "
                    + "that picked, shipped or received them. Each figure counts in the hour of the event that "
                    + "defines it: ordersPlaced, fillRate (units allocated by the first allocation decision after "
                    + "placement / units ordered) and backorderRate (orders that decision left with a backordered "
                    + "unit / orders placed) in the hour of placement; ordersShipped (orders whose last unit "
                    + "shipped), orderCycleTimeMinutes (placement to last unit shipped: avg exact, p50 and p95 "
                    + "within 0.1%), onTimeShipRate (cycle time within shipjoy.sla.ship-hours, default 24) and "
                    + "perfectOrderRate (on time, no short pick, one shipment per warehouse, no unit returned "
                    + "DAMAGED; a later damaged return takes it back) in the hour the order was fully shipped; "
                    + "unitsShipped, returnRate (units returned / units shipped), pickAccuracy (confirmations with "
                    + "the expected quantity), unitsPerLaborHour (units picked / hours from assignment to "
                    + "confirmation) and inventoryAccuracy (cycle counts without variance; short-pick adjustments "
                    + "are not cycle counts) in the hour they happened. Rates have 4 decimals, minutes and units "
                    + "per hour 2; a rate with a zero denominator is null. openOrdersByStatus is the current count "
                    + "of orders neither fully shipped nor cancelled, not windowed. A warehouse without activity "
                    + "has zeros and nulls.")
    Mono<Kpis> kpis(@RequestParam(required = false) @IdCode String warehouseId,
                    @RequestParam(required = false) Instant from,
                    @RequestParam(required = false) Instant to,
                    @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        KpiWindow window = KpiWindow.of(from, to, Instant.now());
        return positions.read(minPosition, ReadModels.KPIS, () -> queries.kpis(warehouseId, window));
    }
}
