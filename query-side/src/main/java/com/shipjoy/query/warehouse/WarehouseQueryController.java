package com.shipjoy.query.warehouse;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.warehouse.WarehouseDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The warehouses as registered, from their read model (never from the command side's lookups). */
@RestController
@Tag(name = "Warehouses and workers")
class WarehouseQueryController {

    private final WarehouseQueries queries;
    private final EventPositions positions;

    WarehouseQueryController(WarehouseQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/api/warehouses")
    @Operation(summary = "Every warehouse, by warehouseId",
            description = "Each with its name, its locations (the staging location OUTBOUND included) sorted by "
                    + "name, and its workers {workerId, name} sorted by workerId (both in ASCII order: digits, "
                    + "then upper case, then lower case). Every role but CHANNEL.")
    @ApiResponse(responseCode = "200", description = "One page of warehouses")
    Mono<Page<WarehouseDocument>> warehouses(@RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                             @Parameter(description = MIN_POSITION)
                                             @RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.WAREHOUSES, () -> queries.warehouses(page, size));
    }

    @GetMapping("/api/warehouses/{warehouseId}")
    @Operation(summary = "One warehouse with its locations and workers",
            description = "As in the list: locations sorted by name (OUTBOUND included), workers by workerId. 404 "
                    + "for a warehouse never registered. Every role but CHANNEL.")
    @ApiResponse(responseCode = "200", description = "The warehouse")
    @ApiResponse(responseCode = "404", description = "No warehouse of that id")
    Mono<WarehouseDocument> warehouse(@PathVariable @IdCode String warehouseId,
                                      @Parameter(description = MIN_POSITION)
                                      @RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.WAREHOUSES, () -> queries.warehouse(warehouseId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown warehouse " + warehouseId + ".")));
    }
}
