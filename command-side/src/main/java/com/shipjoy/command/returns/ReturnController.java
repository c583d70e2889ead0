package com.shipjoy.command.returns;

import com.shipjoy.command.ContentDigest;
import com.shipjoy.command.DistinctKeys;
import com.shipjoy.command.Processes;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.RequestReturnCommand;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnResolution;
import com.shipjoy.events.returns.ReturnStatus;
import com.shipjoy.events.warehouse.Created;
import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.axon.CommandDispatcher;
import com.shipjoy.platform.web.IdCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
// produces: a client that cannot read the answer is refused (406) before the command runs, not after it.
@RequestMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Returns")
class ReturnController {

    private final CommandDispatcher commands;
    private final ReturnIds returnIds;
    private final ContentDigest digest;

    ReturnController(CommandDispatcher commands, ReturnIds returnIds, ContentDigest digest) {
        this.commands = commands;
        this.returnIds = returnIds;
        this.digest = digest;
    }

    record ReturnLineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity) {
    }

    record ReturnRequest(@IdCode String rmaId, @NotNull @Size(min = 1, max = 500)
                         List<@NotNull @Valid ReturnLineRequest> lines,
                         @NotBlank @Size(max = 500) String reason,
                         @NotNull ReturnResolution resolution,
                         @Size(max = 500) List<@NotNull @Valid ReturnLineRequest> exchangeLines) {
    }

    /** The return request without the rmaId: what "the same return" means. */
    record ReturnContent(String orderId, List<ReturnLineRequest> lines, String reason, ReturnResolution resolution,
                         List<ReturnLineRequest> exchangeLines) {
    }

    record ReturnAnswer(String rmaId) {
    }

    record LineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity,
                       @NotNull ReturnCondition condition, @NotNull @IdCode String location) {
    }

    record ReceiptRequest(@NotNull @IdCode String warehouseId,
                          @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid LineRequest> lines) {
    }

    record Received(String rmaId, String orderId, ReturnStatus status) {
    }

    @PostMapping("/api/orders/{orderId}/returns")
    @Operation(summary = "Open a return (RMA)",
            description = "Only units that shipped and are neither returned nor in another open return (else 409); "
                    + "a sku not in the order is 409. resolution EXCHANGE needs exchangeLines (the replacement "
                    + "order, placed when the return is received, free of charge, channel 'exchange'); REFUND "
                    + "takes none. The same rmaId with the same content answers 200 and stores nothing; with other "
                    + "content, or on another order, 409. A missing rmaId is generated.")
    @ApiResponse(responseCode = "201", description = "Opened")
    @ApiResponse(responseCode = "200", description = "Opened before with the same content: nothing stored")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409",
            description = "Units that did not ship or are returned already, or the rmaId is taken")
    Mono<ResponseEntity<ReturnAnswer>> openReturn(@PathVariable @IdCode String orderId,
                                                  @Valid @RequestBody ReturnRequest request) {
        DistinctKeys.require(request.lines(), "lines", "sku", ReturnLineRequest::sku);
        List<ReturnLineRequest> exchangeLines = request.exchangeLines() != null ? request.exchangeLines()
                : List.of();
        DistinctKeys.require(exchangeLines, "exchangeLines", "sku", ReturnLineRequest::sku);
        if (request.resolution() == ReturnResolution.EXCHANGE && exchangeLines.isEmpty()) {
            throw RejectedException.invalid("exchangeLines", "an EXCHANGE needs at least one line");
        }
        if (request.resolution() == ReturnResolution.REFUND && !exchangeLines.isEmpty()) {
            throw RejectedException.invalid("exchangeLines", "a REFUND takes no exchange lines");
        }
        RmaId rmaId = new RmaId(request.rmaId() != null ? request.rmaId() : UUID.randomUUID().toString());
        RequestReturnCommand command = new RequestReturnCommand(new OrderId(orderId), rmaId,
                returnLines(request.lines()), request.reason(), request.resolution(), returnLines(exchangeLines),
                digest.of(new ReturnContent(orderId, request.lines(), request.reason(), request.resolution(),
                        exchangeLines)));
        // The same rmaId opened on two orders at once: the loser fails at commit, and once more is refused.
        return commands.<Created>send(command)
                .onErrorResume(failure -> !(failure instanceof CommandExecutionException), failure ->
                        commands.send(command))
                .flatMap(created -> commands.respond(created.created() ? HttpStatus.CREATED : HttpStatus.OK,
                        new ReturnAnswer(rmaId.value())));
    }

    @PostMapping("/api/returns/{rmaId}/receipt")
    @Operation(summary = "Receive the goods of a return",
            description = "At most the units the return asked for per sku (else 409), into bin locations of a known "
                    + "warehouse (unknown location 400, unknown warehouse 404). SELLABLE units go back into "
                    + "available stock (RETURNED in the ledger) and serve waiting backorders; DAMAGED ones are "
                    + "written off (WRITTEN_OFF, on-hand unchanged). An EXCHANGE return places its exchange order "
                    + "now. A sku may appear on several lines (e.g. one sellable, one damaged). The same receipt "
                    + "again answers 200 and stores nothing; other lines for a received return are 409.")
    @ApiResponse(responseCode = "200", description = "Received")
    @ApiResponse(responseCode = "404", description = "Unknown return or warehouse")
    @ApiResponse(responseCode = "409",
            description = "More units than the return asked for, or other lines for a received return")
    Mono<ResponseEntity<Received>> receive(@PathVariable @IdCode String rmaId,
                                           @Valid @RequestBody ReceiptRequest request) {
        RmaId id = new RmaId(rmaId);
        List<ReturnReceiptLine> lines = request.lines().stream().map(line -> new ReturnReceiptLine(
                new Sku(line.sku()), Quantity.of(line.quantity()), line.condition(), new Location(line.location())))
                .toList();
        return Uninterrupted.call(() -> returnIds.orderOf(id)
                        .orElseThrow(() -> RejectedException.notFound("Unknown return " + rmaId + ".")))
                .flatMap(orderId -> commands.send(new ReceiveReturnCommand(new OrderId(orderId), id,
                                new WarehouseId(request.warehouseId()), lines))
                        .then(commands.respondAfter(Processes.STOCK_REACTIONS, HttpStatus.OK,
                                new Received(rmaId, orderId, ReturnStatus.RECEIVED))));
    }

    private static List<ReturnLine> returnLines(List<ReturnLineRequest> lines) {
        return lines.stream().map(line -> new ReturnLine(new Sku(line.sku()), Quantity.of(line.quantity()))).toList();
    }
}
