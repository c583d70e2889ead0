package com.shipjoy.platform;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work off the event loop that no subscriber can interrupt. {@code subscribeOn(boundedElastic())} would
 * interrupt the worker thread when the subscriber cancels (a client hanging up), and an interrupt inside a unit of
 * work rolls a command back at a random point; here a cancelled subscriber only stops listening.
 */
public final class Uninterrupted {

    private Uninterrupted() {
    }

    /** Runs {@code work} on a bounded-elastic thread when subscribed; emits its result, empty for null. */
    public static <T> Mono<T> call(Supplier<T> work) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(work,
                task -> Schedulers.boundedElastic().schedule(task)), true);
    }
}
