package com.shipjoy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many SSE clients of one orders stream (issue 11's delivery figure): each parses the events it receives and keeps,
 * per order, when each event arrived and the position ({@code id:}) it carries. {@link #delaysMillis} then gives, for
 * every client and every order answered, the ms from the answer to the event that shows the state the answer
 * promised (0 when the event came first): the order's last change at or before the answer's
 * {@code X-Event-Position}, which can lie beyond the order's own changes (the position covers the processes' events
 * too), or the first change after it when a change came batched with later events.
 */
final class StreamClients implements AutoCloseable {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

    /** One event of one order as a client received it. */
    private record Arrival(int client, long position, long nanos) {
    }

    /** An order's answer: its position and when it arrived. */
    record Answer(String orderId, long position, long nanos) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, ConcurrentLinkedQueue<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final List<Flow.Subscription> subscriptions = new ArrayList<>();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private final int connected;

    /** Opens {@code clients} streams of {@code path} as {@code user}; waits up to 30 s for them to start. */
    StreamClients(int port, String user, String path, int clients) {
        CountDownLatch started = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", Http.basic(user)).header("Accept", "text/event-stream").GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(i, started)))
                    .whenComplete((response, failure) -> closedEarly.incrementAndGet());
        }
        try {
            started.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        this.connected = clients - (int) started.getCount();
    }

    int connected() {
        return connected;
    }

    /** Streams the server ended (or that failed) while the clients were meant to be following. */
    int closedEarly() {
        return closedEarly.get();
    }

    /**
     * Per client and answered order, ms from the answer to the event that shows it, sorted; {@code missing[0]} gets
     * the number of (client, order) pairs that never saw it.
     */
    long[] delaysMillis(List<Answer> answers, long[] missing) {
        List<Long> delays = new ArrayList<>();
        for (Answer answer : answers) {
            List<Arrival> seen = new ArrayList<>(arrivals.getOrDefault(answer.orderId(),
                    new ConcurrentLinkedQueue<>()));
            long shows = seen.stream().mapToLong(Arrival::position).filter(at -> at <= answer.position()).max()
                    .orElse(seen.stream().mapToLong(Arrival::position).min().orElse(Long.MAX_VALUE));
            long[] first = new long[connected];
            java.util.Arrays.fill(first, Long.MAX_VALUE);
            for (Arrival arrival : seen) {
                if (arrival.position() >= shows && arrival.client() < connected) {
                    first[arrival.client()] = Math.min(first[arrival.client()], arrival.nanos());
                }
            }
            for (long nanos : first) {
                if (nanos == Long.MAX_VALUE) {
                    missing[0]++;
                } else {
                    delays.add(Math.max(0, nanos - answer.nanos()) / 1_000_000);
                }
            }
        }
        return delays.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            subscriptions.forEach(Flow.Subscription::cancel);
        }
    }

    /** One client's stream, line by line: {@code id:} and {@code data:} lines, an empty line ends an event. */
    private final class Lines implements Flow.Subscriber<String> {

        private final int client;
        private final CountDownLatch started;
        private long position = -1;
        private final StringBuilder data = new StringBuilder();

        Lines(int client, CountDownLatch started) {
            this.client = client;
            this.started = started;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (subscriptions) {
                subscriptions.add(subscription);
            }
            subscription.request(Long.MAX_VALUE);
            started.countDown();
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                position = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            } else if (line.isEmpty()) {
                Matcher orderId = ORDER_ID.matcher(data);
                if (position >= 0 && orderId.find()) {
                    arrivals.computeIfAbsent(orderId.group(1), id -> new ConcurrentLinkedQueue<>())
                            .add(new Arrival(client, position, System.nanoTime()));
                }
                position = -1;
                data.setLength(0);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // Counted by the send's completion.
        }

        @Override
        public void onComplete() {
            // Counted by the send's completion.
        }
    }
}
