package com.shipjoy.command.returns;

import com.shipjoy.command.Processes;
import com.shipjoy.command.order.ReturnIds;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.axon.CommandDispatcher;
import com.shipjoy.platform.web.IdCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
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

    ReturnController(CommandDispatcher commands, ReturnIds returnIds) {
        this.commands = commands;
        this.returnIds = returnIds;
    }

    record LineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity,
                       @NotNull ReturnCondition condition, @NotNull @IdCode String location) {
    }

    record ReceiptRequest(@NotNull @IdCode String warehouseId,
                          @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid LineRequest> lines) {
    }

    record Received(String rmaId, String orderId, String status) {
    }

    @PostMapping("/api/returns/{rmaId}/receipt")
    @Operation(summary = "Receive the goods of a return",
            description = "At most the units the return asked for per sku (else 409), into bin locations of a known "
                    + "warehouse (unknown location 400, unknown warehouse 404). SELLABLE units go back into "
                    + "available stock (RETURNED in the ledger) and serve waiting backorders; DAMAGED ones are "
                    + "written off (WRITTEN_OFF, on-hand unchanged). An EXCHANGE return places its exchange order "
                    + "now. A sku may appear on several lines (e.g. one sellable, one damaged). The same receipt "
                    + "again answers 200 and stores nothing; other lines for a received return are 409.")
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
                                new Received(rmaId, orderId, "RECEIVED"))));
    }
}
