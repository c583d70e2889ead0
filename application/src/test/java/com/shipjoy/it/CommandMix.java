package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A warehouse's busy hour, sent by several clients at once over any {@link Transport}: moves, receipts with and
 * without receiptId, orders, pick confirmations (tasks/next, then confirm) and cancellations, in random order, with
 * what the server answered recorded so a test can check it afterwards. Some commands are refused by the domain (a
 * move of more than a bin holds, a confirmation of a task cancelled meanwhile: 4xx); none may be a 5xx.
 */
final class CommandMix {

    static final String WAREHOUSE = "MIX-WH";
    static final List<String> SKUS = List.of("MIX-1", "MIX-2", "MIX-3", "MIX-4", "MIX-5");
    static final List<String> BINS = List.of("A-01", "A-02", "A-03", "A-04");

    /** One request: {@code body} null is a GET. */
    record Request(String user, String path, String body) {

        String method() {
            return body == null ? "GET" : "POST";
        }

        @Override
        public String toString() {
            return method() + " " + path + (body == null ? "" : " " + body);
        }
    }

    /** What the server answered. */
    record Answer(int status, String body) {

        JsonNode json() {
            return CommandMix.json(body);
        }
    }

    /**
     * Sends a request and answers what came back, or null when the client hung up without reading the answer. An
     * IOException means the server is unreachable or dropped the connection: the client stops.
     */
    @FunctionalInterface
    interface Transport {
        Answer send(Request request) throws IOException, InterruptedException;
    }

    /** A receipt line answered 2xx. */
    record Receipt(String sku, long quantity, String location) {
    }

    /** Receipts answered 2xx, by receiptId (the client's or the one the answer named). */
    final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    /** Orders answered 2xx, and those whose cancellation was answered 2xx. */
    final Set<String> orders = ConcurrentHashMap.newKeySet();
    final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    /** Answers that must not happen: any 5xx, and a 409 to a create repeated with the same content. */
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    final List<String> refusedRepeats = new CopyOnWriteArrayList<>();
    /** Clients that stopped on an IOException, with it. */
    final List<String> unreachable = new CopyOnWriteArrayList<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger answered2xx = new AtomicInteger();
    final AtomicInteger hungUp = new AtomicInteger();
    /** Statuses read, by status, for failure messages. */
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    private final List<String> orderIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private ExecutorService clients;

    /** The warehouse with its bins, one worker per client, and stock of every sku in two bins. */
    static void setUp(Transport transport, int workers) throws IOException, InterruptedException {
        expect(transport.send(new Request("warehouse", "/api/warehouses", "{\"warehouseId\":\"" + WAREHOUSE
                + "\",\"name\":\"Busy\",\"locations\":[\"" + String.join("\",\"", BINS) + "\"]}")), 201);
        for (int w = 0; w < workers; w++) {
            expect(transport.send(new Request("warehouse", "/api/warehouses/" + WAREHOUSE + "/workers",
                    "{\"workerId\":\"" + worker(w) + "\",\"name\":\"Worker " + w + "\"}")), 201);
        }
        for (String sku : SKUS) {
            expect(transport.send(new Request("warehouse", "/api/warehouses/" + WAREHOUSE + "/receipts",
                    "{\"reference\":\"opening\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":40,\"location\":"
                            + "\"A-01\"},{\"sku\":\"" + sku + "\",\"quantity\":20,\"location\":\"A-02\"}]}")), 201);
        }
    }

    /**
     * Starts {@code clients} clients, each sending up to {@code perClient} requests, all of them stopping at
     * {@code timeLimit} or {@link #stop()}.
     */
    void start(Transport transport, int clientCount, int perClient, Duration timeLimit) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        clients = Executors.newFixedThreadPool(clientCount);
        for (int c = 0; c < clientCount; c++) {
            Client client = new Client(c, transport);
            clients.submit(() -> client.run(perClient, deadline));
        }
        clients.shutdown();
    }

    void stop() {
        stop.set(true);
    }

    /** Waits for every client to finish; false if one is still busy after {@code timeout}. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One line summing up the load, for failure messages. */
    String summary() {
        return sent + " sent, " + hungUp + " hung up, " + answered + " answered (" + answered2xx + " 2xx; by status "
                + new TreeMap<>(statuses) + ")";
    }

    static String worker(int clientNo) {
        return "mix-w" + clientNo;
    }

    private static JsonNode json(String text) {
        try {
            return OrderJson.JSON.readTree(text);
        } catch (IOException e) {
            return OrderJson.JSON.missingNode();
        }
    }

    private static void expect(Answer answer, int status) {
        assertThat(answer).isNotNull();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }

    private final class Client {

        private final int no;
        private final Transport transport;
        private final Random random;
        private JsonNode task;
        private Request unanswered;
        private int sequence;

        Client(int no, Transport transport) {
            this.no = no;
            this.transport = transport;
            this.random = new Random(31L * no + 7);
        }

        void run(int requests, long deadline) {
            for (int i = 0; i < requests && !stop.get() && System.nanoTime() < deadline; i++) {
                boolean repeat = unanswered != null && random.nextBoolean();
                Request request = repeat ? unanswered : next();
                unanswered = null;
                Answer answer;
                try {
                    sent.incrementAndGet();
                    answer = transport.send(request);
                } catch (IOException e) {
                    unreachable.add(request + " → " + e);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    unreachable.add(request + " → " + e);
                    return;
                }
                if (answer == null) {
                    hungUp.incrementAndGet();
                    if (request.path().endsWith("/receipts") && request.body().contains("receiptId")
                            || request.path().equals("/api/orders")) {
                        unanswered = request; // a client that did not see the answer sends it again
                    }
                } else {
                    record(request, answer, repeat);
                }
            }
        }

        private Request next() {
            int roll = random.nextInt(100);
            if (roll < 20) {
                return move();
            } else if (roll < 40) {
                return receipt();
            } else if (roll < 62) {
                return order();
            } else if (roll < 88) {
                return pick();
            } else {
                return cancel();
            }
        }

        private Request move() {
            String from = BINS.get(random.nextInt(BINS.size()));
            String to = BINS.get((BINS.indexOf(from) + 1 + random.nextInt(BINS.size() - 1)) % BINS.size());
            return new Request("warehouse", "/api/warehouses/" + WAREHOUSE + "/moves", "{\"sku\":\"" + sku()
                    + "\",\"quantity\":" + (1 + random.nextInt(8)) + ",\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\"}");
        }

        private Request receipt() {
            String id = random.nextBoolean() ? "\"receiptId\":\"R-" + run + "-" + no + "-" + sequence++ + "\"," : "";
            return new Request("warehouse", "/api/warehouses/" + WAREHOUSE + "/receipts", "{" + id
                    + "\"reference\":\"PO-" + no + "\",\"lines\":[{\"sku\":\"" + sku() + "\",\"quantity\":"
                    + (1 + random.nextInt(10)) + ",\"location\":\"" + BINS.get(random.nextInt(BINS.size())) + "\"}]}");
        }

        private Request order() {
            String first = sku();
            String second = SKUS.get((SKUS.indexOf(first) + 1 + random.nextInt(SKUS.size() - 1)) % SKUS.size());
            Object[] lines = random.nextBoolean()
                    ? new Object[] {first, 1 + random.nextInt(4)}
                    : new Object[] {first, 1 + random.nextInt(4), second, 1 + random.nextInt(3)};
            return new Request("channel", "/api/orders", OrderJson.order("mix", run + "-" + no + "-" + sequence++,
                    "mix-c" + no, lines).toString());
        }

        /**
         * Confirms the task this client's worker holds in full; without one, looks for a task assigned to the worker
         * (one whose tasks/next answer it did not read) or asks for the next.
         */
        private Request pick() {
            if (task == null && random.nextBoolean()) {
                return new Request("warehouse", "/api/tasks?warehouseId=" + WAREHOUSE + "&status=ASSIGNED&workerId="
                        + worker(no), null);
            }
            if (task == null) {
                return new Request("warehouse", "/api/warehouses/" + WAREHOUSE + "/tasks/next",
                        "{\"workerId\":\"" + worker(no) + "\"}");
            }
            Request confirm = new Request("warehouse", "/api/tasks/" + task.path("taskId").asText() + "/confirm",
                    "{\"workerId\":\"" + worker(no) + "\",\"location\":\"" + task.path("location").asText()
                            + "\",\"quantity\":" + task.path("quantity").asLong() + "}");
            task = null;
            return confirm;
        }

        private Request cancel() {
            String orderId;
            synchronized (orderIds) {
                if (orderIds.isEmpty()) {
                    return order();
                }
                orderId = orderIds.get(random.nextInt(orderIds.size()));
            }
            return new Request("agent", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"changed their mind\"}");
        }

        private String sku() {
            return SKUS.get(random.nextInt(SKUS.size()));
        }

        private void record(Request request, Answer answer, boolean repeat) {
            answered.incrementAndGet();
            statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
            if (answer.status() >= 500) {
                serverErrors.add(request + " → " + answer.status() + " " + answer.body());
                return;
            }
            if (repeat && answer.status() == 409) {
                refusedRepeats.add(request + " → " + answer.body());
            }
            if (answer.status() / 100 != 2) {
                return;
            }
            answered2xx.incrementAndGet();
            String path = request.path();
            if (path.endsWith("/receipts")) {
                JsonNode line = CommandMix.json(request.body()).path("lines").path(0);
                receipts.put(answer.json().path("receiptId").asText(), new Receipt(line.path("sku").asText(),
                        line.path("quantity").asLong(), line.path("location").asText()));
            } else if (path.equals("/api/orders")) {
                String orderId = answer.json().path("orderId").asText();
                orders.add(orderId);
                orderIds.add(orderId);
            } else if (path.endsWith("/cancel")) {
                cancelled.add(path.split("/")[3]);
            } else if (path.endsWith("/tasks/next") && answer.status() == 200) {
                task = answer.json();
            } else if (path.startsWith("/api/tasks?") && answer.json().path("items").size() > 0) {
                task = answer.json().path("items").path(0);
            }
        }
    }
}
