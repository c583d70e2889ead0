package com.shipjoy.query.admin;

import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.projections.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Operations")
class ProjectionReplayController {

    /** Where a replay's progress is shown. */
    private static final URI STATUS = URI.create("/api/admin/projections");

    private final ReadModelReplays replays;

    ProjectionReplayController(ReadModelReplays replays) {
        this.replays = replays;
    }

    @PostMapping("/api/admin/projections/{name}/replay")
    @Operation(summary = "Rebuild a read model from the first event, without downtime",
            description = "Starts rebuilding the read model `name` (inventory, stock-ledger, orders, "
                    + "backorders, order-history, tasks, shipments, labor, kpis, returns) into a new copy of its "
                    + "own, while every query keeps answering from the current copy, unchanged. Once "
                    + "the new copy has processed the event store's head as it was at the start and everything the "
                    + "current copy has, it becomes the current copy at once and the old one is dropped. A replay "
                    + "sends nothing to the live streams. `GET /api/admin/projections` (the Location) shows the "
                    + "read model REPLAYING with its progress from 0 to 1 until then. A replay interrupted by a "
                    + "restart resumes where it was. ADMIN only.")
    @ApiResponse(responseCode = "202", description = "The replay started: the read model, the generation it "
            + "builds, and the event store's head position at its start; Location: the projections' status")
    @ApiResponse(responseCode = "400", description = "A name that is not a valid id", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "Not signed in", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "Only ADMIN may start a replay", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No read model of that name", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The read model is already replaying", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Mono<ResponseEntity<ReadModelReplays.Started>> replay(@PathVariable @IdCode String name) {
        if (!ReadModels.ALL.contains(name)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No projection " + name + "; the projections are "
                    + String.join(", ", ReadModels.ALL) + "."));
        }
        return Uninterrupted.call(() -> replays.replay(name))
                .onErrorMap(ReadModelReplays.AlreadyReplaying.class,
                        e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()))
                .map(started -> ResponseEntity.accepted().location(STATUS).body(started));
    }
}
