package com.shipjoy.query.returns;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.returns.ReturnDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Returns")
class ReturnQueryController {

    private final ReturnQueries queries;
    private final EventPositions positions;

    ReturnQueryController(ReturnQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/api/returns/{rmaId}")
    @Operation(summary = "One return (RMA)",
            description = "status REQUESTED until its goods arrive, then RECEIVED with receivedLines (sku, quantity, "
                    + "condition SELLABLE or DAMAGED, location) and, for an EXCHANGE, exchangeOrderId: the "
                    + "replacement order it placed. 404 for a return never opened.")
    @ApiResponse(responseCode = "200", description = "The return")
    @ApiResponse(responseCode = "404", description = "Unknown return")
    Mono<ReturnDocument> rma(@PathVariable @IdCode String rmaId,
                             @Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                             Long minPosition) {
        return positions.read(minPosition, ReadModels.RETURNS, () -> queries.rma(rmaId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown return " + rmaId + ".")));
    }
}
