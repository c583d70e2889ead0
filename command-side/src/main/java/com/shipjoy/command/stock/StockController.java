package com.shipjoy.command.stock;

import com.shipjoy.command.Processes;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.stock.CountStockCommand;
import com.shipjoy.events.stock.MoveStockCommand;
import com.shipjoy.events.stock.ReceiptLine;
import com.shipjoy.events.stock.ReceiveStockCommand;
import com.shipjoy.events.stock.RecordReceiptCommand;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.warehouse.Created;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
// produces: a client that cannot read the answer is refused (406) before the command runs, not after it.
@RequestMapping(path = "/api/warehouses/{warehouseId}", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory (WMS)")
class StockController {

    private final CommandDispatcher commands;

    StockController(CommandDispatcher commands) {
        this.commands = commands;
    }

    record ReceiptRequest(@IdCode String receiptId, @NotBlank @Size(max = 200) String reference,
                          @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull LineRequest> lines) {
    }

    record LineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity,
                       @NotNull @IdCode String location) {
    }

    record ReceiptRecorded(String receiptId) {
    }

    record MoveRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity,
                       @NotNull @IdCode String from, @NotNull @IdCode String to) {
    }

    record Moved(String sku, long quantity, String from, String to) {
    }

    record CountRequest(@NotNull @IdCode String sku, @NotNull @IdCode String location,
                        @NotNull @Min(0) @Max(Quantity.MAX) Long countedQuantity, @Size(max = 200) String reason) {
    }

    record Counted(String countId, String sku, String location, long countedQuantity, long variance) {
    }

    @PostMapping("/receipts")
    @Operation(summary = "Receive goods into bin locations",
            description = "Idempotent by receiptId (generated when omitted): the same receipt again answers 200 and "
                    + "stores nothing; the same receiptId with other content is 409. Unknown location is 400, "
                    + "unknown warehouse 404. OUTBOUND cannot receive goods. Answers once waiting backorders were "
                    + "served from the new stock, oldest first.")
    @ApiResponse(responseCode = "201", description = "Received")
    @ApiResponse(responseCode = "200", description = "Received before with the same content: nothing stored")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse")
    @ApiResponse(responseCode = "409", description = "The receiptId was used with other content")
    Mono<ResponseEntity<ReceiptRecorded>> receive(@PathVariable @IdCode String warehouseId,
                                                  @Valid @RequestBody ReceiptRequest request) {
        ReceiptId receiptId = new ReceiptId(request.receiptId() != null ? request.receiptId()
                : UUID.randomUUID().toString());
        WarehouseId warehouse = new WarehouseId(warehouseId);
        List<ReceiptLine> lines = request.lines().stream().map(line -> new ReceiptLine(new Sku(line.sku()),
                Quantity.of(line.quantity()), new Location(line.location()))).toList();
        // Posting runs on every request, repeats included, so a receipt interrupted by a crash completes when retried.
        return commands.<Created>send(new RecordReceiptCommand(receiptId, warehouse, request.reference(), lines))
                .flatMap(created -> Flux.fromIterable(ReceiveStockCommand.postingsOf(receiptId, warehouse, lines))
                        .concatMap(commands::send)
                        .then(commands.respondAfter(Processes.STOCK_REACTIONS,
                                created.created() ? HttpStatus.CREATED : HttpStatus.OK,
                                new ReceiptRecorded(receiptId.value()))));
    }

    @PostMapping("/moves")
    @Operation(summary = "Move stock between bin locations",
            description = "Moving more than the source location holds is 409.")
    @ApiResponse(responseCode = "200", description = "Moved")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse, or a sku the warehouse never held")
    @ApiResponse(responseCode = "409", description = "More than the source location holds free of open pick tasks")
    Mono<ResponseEntity<Moved>> move(@PathVariable @IdCode String warehouseId,
                                     @Valid @RequestBody MoveRequest request) {
        return commands.send(new MoveStockCommand(StockId.of(request.sku(), warehouseId), new Location(request.from()),
                        new Location(request.to()), Quantity.of(request.quantity())))
                .then(commands.respond(HttpStatus.OK, new Moved(request.sku(), request.quantity(), request.from(),
                        request.to())));
    }

    @PostMapping("/counts")
    @Operation(summary = "Record a cycle count of one location",
            description = "variance = counted − expected; a non-zero variance adjusts on-hand. When on-hand falls "
                    + "below what is reserved, the newest reservations are released.")
    @ApiResponse(responseCode = "200", description = "Counted")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse")
    Mono<ResponseEntity<Counted>> count(@PathVariable @IdCode String warehouseId,
                                        @Valid @RequestBody CountRequest request) {
        String countId = UUID.randomUUID().toString();
        return commands.<Long>send(new CountStockCommand(StockId.of(request.sku(), warehouseId), countId,
                        new Location(request.location()), request.countedQuantity(), request.reason()))
                .flatMap(variance -> commands.respondAfter(Processes.STOCK_REACTIONS, HttpStatus.OK,
                        new Counted(countId, request.sku(), request.location(), request.countedQuantity(), variance)));
    }
}
