package com.shipjoy.query.inventory;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.ledger.MovementDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inventory")
@Tag(name = "Inventory (WMS)")
class InventoryController {

    private final InventoryQueries queries;
    private final EventPositions positions;

    /** The ledger's JSON answer, named here: the handler answers CSV as well, so its return type cannot say it. */
    @Schema(name = "PageMovementDocument")
    private record LedgerPage(List<MovementDocument> items, int page, int size, long total) {
    }

    InventoryController(InventoryQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/{sku}")
    @Operation(summary = "Stock level of a sku, overall and per warehouse and location",
            description = "available = onHand − reserved. 404 for a sku that never had stock.")
    @ApiResponse(responseCode = "200", description = "The stock level")
    @ApiResponse(responseCode = "404", description = "A sku that never had stock")
    Mono<InventoryDocument> level(@PathVariable @IdCode String sku,
                                  @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                                  Long minPosition) {
        return positions.read(minPosition, ReadModels.INVENTORY, () -> queries.level(sku).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown sku " + sku + ".")));
    }

    @GetMapping
    @Operation(summary = "Levels of every sku; the low-stock view with maxAvailable",
            description = "Sorted by sku. With warehouseId, each level holds that warehouse's figures only and skus "
                    + "never stocked there are left out.")
    Mono<Page<InventoryDocument>> levels(@RequestParam(required = false) @IdCode String warehouseId,
                                         @RequestParam(required = false) @Min(0) Long maxAvailable,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                         @Parameter(description = MIN_POSITION) @RequestParam(required = false)
                                         @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.INVENTORY,
                () -> queries.levels(warehouseId, maxAvailable, page, size));
    }

    @GetMapping("/{sku}/movements")
    @Operation(summary = "The stock ledger of a sku, oldest first",
            description = "One entry per movement with the sku's on-hand and reserved in that warehouse after it. "
                    + "from is inclusive, to exclusive. format=csv exports every matching entry (no paging) with "
                    + "a header row of the JSON field names.")
    @ApiResponse(responseCode = "200", description = "The entries: a page of JSON, or every entry as CSV",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = LedgerPage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                            examples = @ExampleObject(LedgerCsv.HEADER))})
    @ApiResponse(responseCode = "404", description = "A sku that never had stock")
    Mono<ResponseEntity<?>> movements(@PathVariable @IdCode String sku,
                                      @RequestParam(required = false) @IdCode String warehouseId,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to,
                                      @RequestParam(defaultValue = "json") @Pattern(regexp = "^(json|csv)$") String format,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                      @Parameter(description = MIN_POSITION) @RequestParam(required = false)
                                      @Min(0) Long minPosition) {
        boolean csv = format.equals("csv");
        return positions.read(minPosition, ReadModels.STOCK_LEDGER, () -> {
            // Known by its own entries: minPosition waits for the ledger only, and the inventory read model may be
            // behind it or replaying. Inventory is asked only about a sku without movements (counts without variance).
            if (!queries.hasMovements(sku) && queries.level(sku).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown sku " + sku + ".");
            }
            Page<MovementDocument> ledger = queries.movements(sku, warehouseId, from, to, page, csv ? -1 : size);
            if (csv) {
                return ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + sku + "-movements.csv\"")
                        .body(LedgerCsv.write(ledger.items()));
            }
            return ResponseEntity.ok(ledger);
        });
    }

}
