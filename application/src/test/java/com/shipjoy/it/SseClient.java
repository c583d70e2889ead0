package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A client of one live stream over real HTTP: the events it receives queue up for the test to take, in order;
 * heartbeat comments are counted apart. {@link #close} hangs up.
 */
final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event as received: its name, id and data. */
    record Event(String event, long id, JsonNode data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Disposable connection;

    private SseClient(EmbeddedApp app, String user, String pathAndQuery, Long lastEventId) {
        WebClient client = WebClient.builder().baseUrl(app.baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .build();
        this.connection = client.get().uri(pathAndQuery).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBasicAuth(user, user);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", Long.toString(lastEventId));
                    }
                })
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .doFinally(signal -> ended.countDown())
                .subscribe(this::received, failure::set);
    }

    /** Opens {@code pathAndQuery} as {@code user} (name = password), without a Last-Event-ID. */
    static SseClient open(EmbeddedApp app, String user, String pathAndQuery) {
        return new SseClient(app, user, pathAndQuery, null);
    }

    /** Opens {@code pathAndQuery} as {@code user} with header {@code Last-Event-ID: lastEventId}. */
    static SseClient resume(EmbeddedApp app, String user, String pathAndQuery, long lastEventId) {
        return new SseClient(app, user, pathAndQuery, lastEventId);
    }

    private void received(ServerSentEvent<String> event) {
        if (event.event() == null && event.data() == null) {
            comments.add(String.valueOf(event.comment()));
            return;
        }
        try {
            events.add(new Event(event.event(), Long.parseLong(event.id()), JSON.readTree(event.data())));
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** The next event, waiting at most {@code within}; fails if none came. */
    Event next(Duration within) {
        Event event = poll(within);
        assertThat(event).as("an event within %s (stream failure: %s)", within, failure.get()).isNotNull();
        return event;
    }

    Event next() {
        return next(Duration.ofSeconds(5));
    }

    /** The next event, or null if none comes within {@code within}. */
    Event poll(Duration within) {
        try {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Events until one satisfies {@code last} (included), each within 5 s of the one before. */
    List<Event> until(Predicate<Event> last) {
        List<Event> taken = new ArrayList<>();
        Event event;
        do {
            event = next();
            taken.add(event);
        } while (!last.test(event));
        return taken;
    }

    /** The next heartbeat comment, or null if none comes within {@code within}. */
    String comment(Duration within) throws InterruptedException {
        return comments.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server ended the stream (or it failed), waiting up to 5 s. */
    boolean ended() {
        try {
            return ended.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
