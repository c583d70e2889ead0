package com.shipjoy.query.fulfillment;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.fulfillment.ShipmentDocument;
import com.shipjoy.projections.fulfillment.TaskDocument;
import com.shipjoy.query.kpi.KpiWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Fulfillment (WMS)")
class FulfillmentQueryController {

    private final FulfillmentQueries queries;
    private final EventPositions positions;

    FulfillmentQueryController(FulfillmentQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/api/tasks")
    @Operation(summary = "Pick tasks, in the order tasks/next hands them out",
            description = "Oldest order first (orderPlacedAt), then location name (the shortest walk), then taskId. "
                    + "status OPEN (not taken), ASSIGNED (a worker has it), DONE (confirmed: pickedQuantity < "
                    + "quantity is a short pick), CANCELLED (its order or shipment was cancelled). workerId is the "
                    + "worker who took or confirmed it; assignedAt and completedAt when that happened.")
    Mono<Page<TaskDocument>> tasks(@RequestParam(required = false) @IdCode String warehouseId,
                                   @RequestParam(required = false) TaskStatus status,
                                   @RequestParam(required = false) @IdCode String workerId,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                   @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                                   Long minPosition) {
        return positions.read(minPosition, ReadModels.TASKS,
                () -> queries.tasks(warehouseId, status, workerId, page, size));
    }

    @GetMapping("/api/tasks/{taskId}")
    @Operation(summary = "One pick task", description = "404 for a task that was never released.")
    @ApiResponse(responseCode = "200", description = "The task")
    @ApiResponse(responseCode = "404", description = "Unknown task")
    Mono<TaskDocument> task(@PathVariable @IdCode String taskId,
                            @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                            Long minPosition) {
        return positions.read(minPosition, ReadModels.TASKS, () -> queries.task(taskId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown task " + taskId + ".")));
    }

    @GetMapping("/api/shipments/{shipmentId}")
    @Operation(summary = "One shipment with its pick tasks and cartons",
            description = "status RELEASED, PICKING (a task was taken or confirmed), PICKED, PACKED, SHIPPED or "
                    + "CANCELLED. tasks are the pick tasks as released or added after a short pick (sku, location, "
                    + "quantity; their progress is at /api/tasks/{taskId}); cartons once packed; carrier and "
                    + "trackingNumber once shipped. 404 for a shipment that was never released.")
    @ApiResponse(responseCode = "200", description = "The shipment")
    @ApiResponse(responseCode = "404", description = "Unknown shipment")
    Mono<ShipmentDocument> shipment(@PathVariable @IdCode String shipmentId,
                                    @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                                    Long minPosition) {
        return positions.read(minPosition, ReadModels.SHIPMENTS, () -> queries.shipment(shipmentId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown shipment " + shipmentId + ".")));
    }

    @GetMapping("/api/kpis/labor")
    @Operation(summary = "Labor per worker: picking productivity",
            description = "One item per warehouse and worker (a worker id belongs to its warehouse, so the same id in "
                    + "two warehouses is two workers and never added together), by warehouseId then workerId; "
                    + "warehouseId narrows to one warehouse. Over the tasks confirmed in the window's UTC hours (a "
                    + "window that cuts through an hour includes all of it, as GET /api/kpis does: labor is kept "
                    + "per hour): "
                    + KpiWindow.DESCRIPTION + " tasksCompleted = confirmed tasks, unitsPicked = units they picked, "
                    + "activeMinutes = the sum of each task's time from assignment to confirmation (2 decimals), unitsPerHour = unitsPicked / active hours "
                    + "(2 decimals, null when no active time), shortPicks = confirmations with fewer units than "
                    + "expected.")
    Mono<Page<FulfillmentQueries.Labor>> labor(@RequestParam(required = false) @IdCode String warehouseId,
                                               @RequestParam(required = false) Instant from,
                                               @RequestParam(required = false) Instant to,
                                               @RequestParam(defaultValue = "0") @Min(0) int page,
                                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                               @Parameter(description = MIN_POSITION)
                                               @RequestParam(required = false) @Min(0) Long minPosition) {
        KpiWindow window = KpiWindow.of(from, to, Instant.now());
        return positions.read(minPosition, ReadModels.LABOR, () -> queries.labor(warehouseId, window, page, size));
    }
}
