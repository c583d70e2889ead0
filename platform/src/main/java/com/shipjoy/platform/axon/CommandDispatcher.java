package com.shipjoy.platform.axon;

import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.idempotency.IdempotentRequest;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Sends commands on behalf of the signed-in user. Handlers run on the calling thread and do blocking I/O, so the
 * call is moved off the event loop, where nothing interrupts it ({@link Uninterrupted}).
 */
@Component
public class CommandDispatcher {

    /** Response header: the event store's head once the command's events were stored. */
    public static final String POSITION_HEADER = "X-Event-Position";

    private static final int SETTLE_ROUNDS = 4;

    private final CommandGateway gateway;
    private final EventPositions positions;

    CommandDispatcher(CommandGateway gateway, EventPositions positions) {
        this.gateway = gateway;
        this.positions = positions;
    }

    /**
     * Dispatches the command with the user as {@code actor} and emits the handler's result (empty for void). Once
     * dispatched, the command runs to completion whatever happens to the subscriber. A request's
     * {@code Idempotency-Key} travels with its commands until one succeeds, which records it in its transaction.
     */
    public <R> Mono<R> send(Object command) {
        return Mono.deferContextual(context -> ReactiveSecurityContextHolder.getContext()
                .map(security -> security.getAuthentication().getName())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No authenticated user")))
                .flatMap(actor -> {
                    Map<String, Object> metaData = new HashMap<>(IdempotentRequest.claimOf(context));
                    boolean claiming = !metaData.isEmpty();
                    metaData.put(AxonMessaging.ACTOR, actor);
                    CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                            .andMetaData(metaData);
                    return Uninterrupted.call(() -> {
                        R result = gateway.sendAndWait(message);
                        if (claiming) {
                            IdempotentRequest.claimed(context);
                        }
                        return result;
                    });
                }));
    }

    /** The answer to a command that has completed: {@code body} with the head position header. */
    public <T> Mono<ResponseEntity<T>> respond(HttpStatus status, T body) {
        return head().map(head -> ResponseEntity.status(status).header(POSITION_HEADER, Long.toString(head))
                .body(body));
    }

    /**
     * Like {@link #respond}, once the given processes have settled (see {@link #awaitSettled}), so that what they do
     * in reaction (reserving stock, filling backorders, releasing shipments) is covered by the position the client
     * reads with.
     */
    public <T> Mono<ResponseEntity<T>> respondAfter(String[] processes, HttpStatus status, T body) {
        return awaitSettled(processes).then(respond(status, body));
    }

    /**
     * Waits until the given processes have handled every event stored so far, at most {@link EventPositions#MAX_WAIT}.
     * The command has succeeded by then: if a process lags longer, the answer goes out without its reactions (an
     * order still PLACED) instead of a 503 that tells the client to retry what was done, e.g. a receipt without id.
     */
    public Mono<Void> awaitProcesses(String... processes) {
        return head().flatMap(head -> positions.awaitProcessed(head, processes))
                .onErrorResume(ResponseStatusException.class, lagging -> Mono.empty());
    }

    /**
     * Like {@link #awaitProcesses}, again as long as what the processes did stored more events (a reaction to a
     * reaction: a pick that frees units which fill a backorder which releases a shipment), at most a few rounds.
     */
    public Mono<Void> awaitSettled(String... processes) {
        return awaitSettled(SETTLE_ROUNDS, processes);
    }

    private Mono<Void> awaitSettled(int rounds, String... processes) {
        return head().flatMap(before -> awaitProcesses(processes).then(head()).flatMap(after ->
                after > before && rounds > 1 ? awaitSettled(rounds - 1, processes) : Mono.empty()));
    }

    private Mono<Long> head() {
        return Uninterrupted.call(positions::head);
    }
}
