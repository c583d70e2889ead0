package com.shipjoy.command.warehouse;

import com.shipjoy.events.common.Code;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.warehouse.AddLocationsCommand;
import com.shipjoy.events.warehouse.Created;
import com.shipjoy.events.warehouse.RegisterWarehouseCommand;
import com.shipjoy.events.warehouse.RegisterWorkerCommand;
import com.shipjoy.platform.axon.CommandDispatcher;
import com.shipjoy.platform.web.IdCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
@RequestMapping(path = "/api/warehouses", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Warehouses and workers")
class WarehouseController {

    private final CommandDispatcher commands;

    WarehouseController(CommandDispatcher commands) {
        this.commands = commands;
    }

    record WarehouseRequest(@NotNull @IdCode String warehouseId, @NotBlank @Size(max = 200) String name,
                            @NotNull @Size(min = 1, max = 10_000) @ArraySchema(schema = @Schema(
                                    pattern = Code.PATTERN, minLength = 1, maxLength = 64))
                            List<@NotNull @IdCode String> locations) {
    }

    // The items' @IdCode is a type-use annotation, which springdoc does not see: @ArraySchema says it.
    record LocationsRequest(@NotNull @Size(min = 1, max = 10_000) @ArraySchema(schema = @Schema(
            pattern = Code.PATTERN, minLength = 1, maxLength = 64)) List<@NotNull @IdCode String> locations) {
    }

    record WorkerRequest(@NotNull @IdCode String workerId, @NotBlank @Size(max = 200) String name) {
    }

    record WarehouseCreated(String warehouseId) {
    }

    record WorkerCreated(String warehouseId, String workerId) {
    }

    record LocationsAdded(String warehouseId, List<String> locations) {
    }

    @PostMapping
    @Operation(summary = "Register a warehouse with its bin locations",
            description = "The staging location OUTBOUND is added to every warehouse. Repeating the same request "
                    + "answers 200 and stores nothing; the same id with another name or location set is 409.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "200", description = "Registered before with the same content: nothing stored")
    @ApiResponse(responseCode = "409", description = "The id is registered with another name or location set")
    Mono<ResponseEntity<WarehouseCreated>> register(@Valid @RequestBody WarehouseRequest request) {
        return commands.<Created>send(new RegisterWarehouseCommand(new WarehouseId(request.warehouseId()),
                        request.name().strip(), locations(request.locations())))
                .flatMap(created -> commands.respond(created.created() ? HttpStatus.CREATED : HttpStatus.OK,
                        new WarehouseCreated(request.warehouseId())));
    }

    @PostMapping("/{warehouseId}/locations")
    @Operation(summary = "Add bin locations", description = "Locations the warehouse already has are ignored.")
    @ApiResponse(responseCode = "200", description = "Added (existing ones ignored)")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse")
    Mono<ResponseEntity<LocationsAdded>> addLocations(@PathVariable @IdCode String warehouseId,
                                                      @Valid @RequestBody LocationsRequest request) {
        return commands.send(new AddLocationsCommand(new WarehouseId(warehouseId), locations(request.locations())))
                .then(commands.respond(HttpStatus.OK, new LocationsAdded(warehouseId, request.locations())));
    }

    @PostMapping("/{warehouseId}/workers")
    @Operation(summary = "Register a worker in a warehouse",
            description = "Repeating the same request answers 200; the same worker id with another name is 409.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "200", description = "Registered before with the same name: nothing stored")
    @ApiResponse(responseCode = "404", description = "Unknown warehouse")
    @ApiResponse(responseCode = "409", description = "The worker id is registered with another name")
    Mono<ResponseEntity<WorkerCreated>> registerWorker(@PathVariable @IdCode String warehouseId,
                                                       @Valid @RequestBody WorkerRequest request) {
        return commands.<Created>send(new RegisterWorkerCommand(new WarehouseId(warehouseId),
                        new WorkerId(request.workerId()), request.name().strip()))
                .flatMap(created -> commands.respond(created.created() ? HttpStatus.CREATED : HttpStatus.OK,
                        new WorkerCreated(warehouseId, request.workerId())));
    }

    private static List<Location> locations(List<String> names) {
        return names.stream().map(Location::new).toList();
    }
}
