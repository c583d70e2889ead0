package com.shipjoy.command.fulfillment;

import com.shipjoy.command.DistinctKeys;
import com.shipjoy.command.Processes;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.fulfillment.AssignTaskCommand;
import com.shipjoy.events.fulfillment.Carton;
import com.shipjoy.events.fulfillment.CartonLine;
import com.shipjoy.events.fulfillment.ConfirmPickCommand;
import com.shipjoy.events.fulfillment.PackShipmentCommand;
import com.shipjoy.events.fulfillment.ShipShipmentCommand;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.common.Rejection;
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
import org.axonframework.commandhandling.CommandExecutionException;
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
@RequestMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Fulfillment (WMS)")
class FulfillmentController {

    /** How many open tasks {@code tasks/next} tries, in turn, when other workers take them at the same moment. */
    private static final int NEXT_CANDIDATES = 20;

    private final CommandDispatcher commands;
    private final OpenTasks openTasks;
    private final WarehouseCatalog catalog;

    FulfillmentController(CommandDispatcher commands, OpenTasks openTasks, WarehouseCatalog catalog) {
        this.commands = commands;
        this.openTasks = openTasks;
        this.catalog = catalog;
    }

    record WorkerRequest(@NotNull @IdCode String workerId) {
    }

    record ConfirmRequest(@NotNull @IdCode String workerId, @NotNull @IdCode String location,
                          @NotNull @Min(0) @Max(Quantity.MAX) Long quantity) {
    }

    record CartonLineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity) {
    }

    record CartonRequest(@NotNull @IdCode String cartonId, @NotNull @Min(0) @Max(1_000_000_000) Long weightGrams,
                         @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid CartonLineRequest> lines) {
    }

    record PackRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid CartonRequest> cartons) {
    }

    record ShipRequest(@NotBlank @Size(max = 100) String carrier,
                       @NotBlank @Size(max = 100) String trackingNumber) {
    }

    record ShipmentAnswer(String shipmentId, ShipmentStatus status) {
    }

    @PostMapping("/api/tasks/{taskId}/assign")
    @Operation(summary = "Assign an open pick task to a worker",
            description = "The worker must be registered in the task's warehouse (else 409); a task that is not "
                    + "OPEN (assigned, done, cancelled) is 409. Answers the task.")
    @ApiResponse(responseCode = "200", description = "The task, ASSIGNED to the worker")
    @ApiResponse(responseCode = "404", description = "Unknown task")
    @ApiResponse(responseCode = "409",
            description = "The task is not OPEN, or the worker is not registered in its warehouse")
    Mono<ResponseEntity<TaskAnswer>> assign(@PathVariable @IdCode String taskId,
                                            @Valid @RequestBody WorkerRequest request) {
        return commands.<TaskAnswer>send(new AssignTaskCommand(task(taskId), new WorkerId(request.workerId())))
                .flatMap(task -> commands.respond(HttpStatus.OK, task));
    }

    @PostMapping("/api/warehouses/{warehouseId}/tasks/next")
    @Operation(summary = "Give a worker the next open task of the warehouse",
            description = "Oldest order first, then the shortest walk (locations by name). Answers the task, now "
                    + "ASSIGNED to the worker, or 204 when no task is open. Workers asking at the same moment never "
                    + "get the same task. The worker must be registered in the warehouse (else 409).")
    @ApiResponse(responseCode = "200", description = "The task, now ASSIGNED to the worker")
    @ApiResponse(responseCode = "204", description = "No task is open")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse")
    @ApiResponse(responseCode = "409", description = "The worker is not registered in the warehouse")
    Mono<ResponseEntity<TaskAnswer>> next(@PathVariable @IdCode String warehouseId,
                                          @Valid @RequestBody WorkerRequest request) {
        WarehouseId warehouse = new WarehouseId(warehouseId);
        WorkerId worker = new WorkerId(request.workerId());
        return Uninterrupted.call(() -> {
                    if (!catalog.exists(warehouse)) {
                        throw RejectedException.notFound("Unknown warehouse " + warehouseId + ".");
                    }
                    if (!catalog.hasWorker(warehouse, worker)) {
                        throw RejectedException.conflict("Worker " + worker + " is not registered in warehouse "
                                + warehouseId + ".");
                    }
                    return openTasks.next(warehouse, NEXT_CANDIDATES);
                })
                .flatMapMany(Flux::fromIterable)
                // One at a time, in turn: a task another worker took a moment earlier answers 409, so try the next.
                .concatMap(taskId -> commands.<TaskAnswer>send(new AssignTaskCommand(taskId, worker))
                        .onErrorResume(FulfillmentController::takenMeanwhile, taken -> Mono.empty()), 1)
                .next()
                .flatMap(task -> commands.respond(HttpStatus.OK, task))
                .switchIfEmpty(commands.respond(HttpStatus.NO_CONTENT, null));
    }

    @PostMapping("/api/tasks/{taskId}/confirm")
    @Operation(summary = "Confirm a pick",
            description = "Only the assigned worker, at the task's location (else 409), at most the task's quantity "
                    + "(else 409). Fewer is a short pick: the location is adjusted (ADJUSTED in the ledger) to what "
                    + "was found, all of it is picked, and the missing units are picked from other bins of the "
                    + "warehouse (a new task in the same shipment), else allocated again elsewhere or backordered. "
                    + "Answers after the stock moved to OUTBOUND and those follow-ups happened.")
    @ApiResponse(responseCode = "200", description = "The task, DONE")
    @ApiResponse(responseCode = "404", description = "Unknown task")
    @ApiResponse(responseCode = "409",
            description = "Not the assigned worker, another location, or more than the task's quantity")
    Mono<ResponseEntity<TaskAnswer>> confirm(@PathVariable @IdCode String taskId,
                                             @Valid @RequestBody ConfirmRequest request) {
        return commands.<TaskAnswer>send(new ConfirmPickCommand(task(taskId), new WorkerId(request.workerId()),
                        new Location(request.location()), request.quantity()))
                .flatMap(task -> commands.respondAfter(Processes.STOCK_REACTIONS, HttpStatus.OK, task));
    }

    @PostMapping("/api/shipments/{shipmentId}/pack")
    @Operation(summary = "Pack a picked shipment into cartons",
            description = "The cartons together must hold exactly the units picked per sku (else 409); only a "
                    + "PICKED shipment can be packed (else 409). The same packing again answers 200 and stores "
                    + "nothing.")
    @ApiResponse(responseCode = "200", description = "Packed")
    @ApiResponse(responseCode = "404", description = "Unknown shipment")
    @ApiResponse(responseCode = "409", description = "Not PICKED, or the cartons do not hold exactly the units picked")
    Mono<ResponseEntity<ShipmentAnswer>> pack(@PathVariable @IdCode String shipmentId,
                                              @Valid @RequestBody PackRequest request) {
        DistinctKeys.require(request.cartons(), "cartons", "cartonId", CartonRequest::cartonId);
        List<Carton> cartons = request.cartons().stream().map(carton -> new Carton(carton.cartonId(),
                carton.weightGrams(), carton.lines().stream().map(line -> new CartonLine(new Sku(line.sku()),
                        Quantity.of(line.quantity()))).toList())).toList();
        return commands.send(new PackShipmentCommand(new ShipmentId(shipmentId), cartons))
                .then(commands.respond(HttpStatus.OK, new ShipmentAnswer(shipmentId, ShipmentStatus.PACKED)));
    }

    @PostMapping("/api/shipments/{shipmentId}/ship")
    @Operation(summary = "Ship a packed shipment",
            description = "Only a PACKED shipment ships (else 409). Its units leave OUTBOUND (SHIPPED in the ledger: "
                    + "on-hand and reserved fall) and the order becomes PARTIALLY_SHIPPED or SHIPPED before the "
                    + "answer. The same carrier and tracking number again answers 200 and stores nothing.")
    @ApiResponse(responseCode = "200", description = "Shipped")
    @ApiResponse(responseCode = "404", description = "Unknown shipment")
    @ApiResponse(responseCode = "409",
            description = "Not PACKED, or shipped before with another carrier or tracking number")
    Mono<ResponseEntity<ShipmentAnswer>> ship(@PathVariable @IdCode String shipmentId,
                                              @Valid @RequestBody ShipRequest request) {
        return commands.send(new ShipShipmentCommand(new ShipmentId(shipmentId), request.carrier(),
                        request.trackingNumber()))
                .then(commands.respondAfter(Processes.STOCK_REACTIONS, HttpStatus.OK,
                        new ShipmentAnswer(shipmentId, ShipmentStatus.SHIPPED)));
    }

    /** A task id names its shipment; one that cannot is unknown. */
    private static TaskId task(String taskId) {
        TaskId id = new TaskId(taskId);
        if (id.shipmentId().isEmpty()) {
            throw RejectedException.notFound("Unknown task " + taskId + ".");
        }
        return id;
    }

    private static boolean takenMeanwhile(Throwable failure) {
        return failure instanceof CommandExecutionException refused && refused.getDetails()
                .filter(Rejection.class::isInstance).map(Rejection.class::cast)
                .filter(rejection -> rejection.kind() == Rejection.Kind.CONFLICT).isPresent();
    }
}
