package com.shipjoy.platform.idempotency;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The command requests still running, also those whose clients hung up (the server's graceful shutdown waits only
 * for requests whose connection is open). At shutdown they are waited for after the web server stopped taking
 * requests and before Axon and the stores stop, so a command under way completes instead of being cut off.
 */
@Component
class CommandsInFlight implements SmartLifecycle {

    /** Between the web server's graceful shutdown (DEFAULT_PHASE - 1024) and its stop (DEFAULT_PHASE - 2048). */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;
    private static final long MAX_WAIT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(CommandsInFlight.class);

    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    /** Tracks {@code work} until it completes. */
    <T> CompletableFuture<T> track(CompletableFuture<T> work) {
        running.add(work);
        work.whenComplete((result, error) -> running.remove(work));
        return work;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            // each request answered its own failure
        } catch (TimeoutException e) {
            log.warn("{} command requests still running after {} s of shutdown", running.size(), MAX_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
