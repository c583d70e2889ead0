package com.shipjoy.query.admin;

import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.projections.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Projection administration: each read model's state, the events it parked, retrying them, and replays. */
@RestController
@Tag(name = "Projections")
class ProjectionAdminController {

    /** Where a replay's progress is shown. */
    private static final URI STATUS = URI.create("/api/admin/projections");
    private static final String UNKNOWN = "No projection of that name";

    private final ProjectionAdmin admin;
    private final ReadModelReplays replays;

    ProjectionAdminController(ProjectionAdmin admin, ReadModelReplays replays) {
        this.admin = admin;
        this.replays = replays;
    }

    @GetMapping("/api/admin/projections")
    @Operation(summary = "Every read model's state",
            description = "Per read model (projection): status ERROR while it has parked events (dead letters) or "
                    + "its processor fails and retries, REPLAYING while it is rebuilt, else LIVE; position (the "
                    + "event-store position it has processed), headPosition, lag (their difference), progress (0 to "
                    + "1 while replaying, else 1) and deadLetters (how many events it parked). AUDITOR and ADMIN.")
    @ApiResponse(responseCode = "200", description = "One entry per read model")
    Mono<List<ProjectionStatus>> projections() {
        return blocking(admin::all);
    }

    @GetMapping("/api/admin/projections/{name}/dead-letters")
    @Operation(summary = "The events a read model parked",
            description = "An event whose handling fails is parked with its error and the read model goes on with "
                    + "other documents; the later events of the same sequence (the order for order read models, "
                    + "else the stock, shipment or warehouse the event belongs to) are parked behind it, in order, "
                    + "with error null. Per event: type, position, timestamp, sequence, error {type, message}, "
                    + "parkedAt, lastRetriedAt (null until a retry failed), retries. Listed sequence by sequence. "
                    + "AUDITOR and ADMIN.")
    @ApiResponse(responseCode = "200", description = "The parked events, oldest of each sequence first")
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    Mono<List<ParkedEvent>> deadLetters(@PathVariable String name) {
        return blocking(() -> admin.deadLetters(name));
    }

    @PostMapping("/api/admin/projections/{name}/dead-letters/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Process a read model's parked events again",
            description = "Every parked sequence is processed once, from its first event, before the answer: a "
                    + "sequence whose events now all succeed leaves the queue (and the documents show them), one "
                    + "whose event fails again stays parked from that event on, its retries counted. Answers the "
                    + "read model's state afterwards. Not while the read model replays (409): the new copy meets the "
                    + "parked events parked, so a retry then would leave them out of it. No body. ADMIN only.")
    @ApiResponse(responseCode = "202", description = "Retried; the read model's state afterwards")
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "409", description = "The read model is replaying: its dead letters can be retried "
            + "once the replay is done (the new copy met them parked)")
    Mono<ProjectionStatus> retry(@PathVariable String name) {
        return blocking(() -> {
            admin.retry(name);
            return admin.status(name);
        }).onErrorMap(ReadModelReplays.AlreadyReplaying.class,
                e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()));
    }

    @PostMapping("/api/admin/projections/{name}/replay")
    @Operation(summary = "Rebuild a read model from the first event, without downtime",
            description = "Starts rebuilding the read model `name` (one of the names GET "
                    + "/api/admin/projections lists) into a new copy of its own, while every query keeps answering "
                    + "from the current copy, unchanged. Once the new copy has processed the event store's head as "
                    + "it was at the start and everything the current copy has, it becomes the current copy at once "
                    + "and the old one is dropped. A replay sends nothing to the live streams. GET "
                    + "/api/admin/projections (the Location) shows the read model REPLAYING with its progress from 0 "
                    + "to 1 until then. A replay interrupted by a restart resumes where it was. ADMIN only.")
    @ApiResponse(responseCode = "202", description = "The replay started: the read model, the generation it "
            + "builds, and the event store's head position at its start; Location: the projections' status")
    @ApiResponse(responseCode = "400", description = "A name that is not a valid id")
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "409", description = "The read model is already replaying")
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

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
