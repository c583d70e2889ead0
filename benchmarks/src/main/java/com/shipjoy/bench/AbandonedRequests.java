package com.shipjoy.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (h) Clients that hang up with requests in flight. {@link #CLIENTS} clients, each with {@link #CONNECTIONS}
 * keep-alive connections (plain sockets: java.net.http cannot abandon a request on Java 17), send moves and receipts
 * in a closed loop per connection for {@link #LOAD}; then every connection is closed at once, each with the request
 * it is waiting for unanswered, as a load generator that stops does (wrk, or this harness killed). Reactor cancels
 * such a request, which interrupts the thread running the command; an interrupt inside H2's file I/O makes Java
 * close H2's FileChannel, after which every command answers 500 until a restart. After every round {@link #check}
 * asks whether the server still writes (a receipt 201, a move 200) and whether the read models agree with the event
 * store (the consistency audit, at the move's position). The first failed check ends the rounds.
 */
final class AbandonedRequests {

    static final int CLIENTS = 16;
    static final int CONNECTIONS = 3;
    /** Rounds in the full run; {@code --hang-ups=N} runs N. */
    static final int ROUNDS = 5;
    /** Load before each hang-up; also every round stops at {@link #OPS_PER_ROUND} answers, whichever comes first. */
    static final Duration LOAD = Duration.ofSeconds(2);
    static final int OPS_PER_ROUND = 1000;
    /** The connections close one by one over this time, in a random order, the rest writing meanwhile. */
    static final Duration HANG_UP_SPREAD = Duration.ofMillis(480);
    /** Pause between the hang-up and the check, for the cancelled commands to end. */
    static final long SETTLE_MS = 500;
    /** How long the audit is retried while it answers 503 (the read models still catching up). */
    static final Duration AUDIT_PATIENCE = Duration.ofMinutes(2);
    /** Before a failed check is repeated once, to show whether the failure lasts. */
    static final long RETRY_MS = 3000;
    static final String SKU = "HANG-";

    private AbandonedRequests() {
    }

    /** One answer in short ({@code "HTTP 500"}, {@code "no mismatches (…)"}) and what it said when it failed. */
    record Answer(String brief, String detail) {
    }

    /**
     * One check: what a receipt, a move and the consistency audit answered, and whether that is all right; after a
     * failed write, {@code later} is what one more receipt answered {@link #RETRY_MS} later (else null).
     */
    record Check(String label, Answer receipt, Answer move, Answer audit, Answer later, boolean wrote, boolean ok) {

        /** In words, for the report and the failure line. */
        String verdict() {
            return ok ? "the server still writes and its read models agree with the event store"
                    : wrote ? "the server still writes, but the consistency audit failed"
                    : "the server no longer writes";
        }

        /** The answers in short, then each distinct failure detail once. */
        String summary() {
            List<String> details = new ArrayList<>();
            for (Answer answer : later == null ? List.of(receipt, move, audit) : List.of(receipt, move, audit, later)) {
                if (answer.detail() != null && !details.contains(answer.detail())) {
                    details.add(answer.detail());
                }
            }
            return "receipt " + receipt.brief() + ", move " + move.brief() + ", audit " + audit.brief()
                    + (later == null ? "" : ", " + RETRY_MS / 1000 + " s later a receipt " + later.brief())
                    + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
        }
    }

    /** One round: the load, the hang-up and the check after it. */
    record Round(int round, int answered, int errors, String firstError, int abandoned, int arrivedUnread,
                 long closedChannels, long unitOfWorkInterrupts, long millis, Check check) {
    }

    /**
     * Does the server still write, and do its read models agree with its event store? A receipt of a new sku (201),
     * a move of one of its units (200), then {@code GET /api/audit/inventory-consistency?minPosition=<the move's
     * X-Event-Position>} as auditor (200, no mismatches). {@code tag} makes the sku and receipt id unique.
     */
    static Check check(Http http, String label, String tag) {
        String sku = "CHECK-" + tag;
        Http.Response receipt = receipt(http, sku, "R-CHECK-" + tag, 1000);
        Http.Response move = http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/moves",
                "{\"sku\":\"" + sku + "\",\"quantity\":1,\"from\":\"" + Benchmarks.location(1) + "\",\"to\":\""
                        + Benchmarks.location(2) + "\"}");
        boolean wrote = receipt.status() == 201 && receipt.position() > 0 && move.status() == 200
                && move.position() > 0;
        long position = Math.max(receipt.position(), move.position());
        // 503: the read models have not reached the position within the server's wait; they may, so ask again.
        long asked = System.nanoTime();
        Http.Response audit = http.get(Benchmarks.AUDITOR, "/api/audit/inventory-consistency"
                + (position > 0 ? "?minPosition=" + position : ""));
        while (audit.status() == 503 && System.nanoTime() - asked < AUDIT_PATIENCE.toNanos()) {
            ServerProcess.sleep(100);
            audit = http.get(Benchmarks.AUDITOR, "/api/audit/inventory-consistency"
                    + (position > 0 ? "?minPosition=" + position : ""));
        }
        Answer auditAnswer;
        boolean consistent = false;
        if (audit.status() == 200) {
            try {
                List<?> mismatches = (List<?>) Json.at(audit.json(), "mismatches");
                consistent = mismatches != null && mismatches.isEmpty();
                auditAnswer = consistent
                        ? new Answer(Markdown.f("no mismatches (%d skus at position %d)",
                        Json.number(audit.json(), "checked"), Json.number(audit.json(), "position")), null)
                        : new Answer((mismatches == null ? "no list of" : mismatches.size()) + " mismatches",
                        Load.abbreviate(audit.body()));
            } catch (RuntimeException e) {
                consistent = false;
                auditAnswer = new Answer("HTTP 200, unreadable", Load.abbreviate(audit.body()));
            }
        } else {
            auditAnswer = answer(audit);
        }
        Answer later = null;
        if (!wrote) {
            ServerProcess.sleep(RETRY_MS);
            later = answer(receipt(http, sku + "-AGAIN", "R-CHECK-" + tag + "-AGAIN", 1000));
        }
        Check check = new Check(label, answer(receipt), answer(move), auditAnswer, later, wrote,
                wrote && consistent);
        System.out.println("    " + label + ": " + (check.ok() ? "" : "FAILED: ") + check.verdict() + ": "
                + check.summary());
        return check;
    }

    /**
     * Checks the server (added to {@code checks}), receives {@link #CLIENTS} × {@link #CONNECTIONS} skus to move
     * from, then runs the rounds until one's check fails.
     */
    static List<Round> run(ServerProcess server, Http http, List<Check> checks, int rounds) {
        List<Round> done = new ArrayList<>();
        Check before = check(http, "before round 1", "H0");
        checks.add(before);
        if (!before.ok()) {
            return done;
        }
        for (int s = 0; s < CLIENTS * CONNECTIONS; s++) {
            Http.Response response = receipt(http, SKU + s, "R-" + SKU + s, 100_000);
            if (response.status() != 201) {
                throw new IllegalStateException("(h) set-up: receipt of " + SKU + s + " answered "
                        + response.status() + " " + Load.abbreviate(response.body()));
            }
        }
        for (int r = 1; r <= rounds; r++) {
            Round round = round(r, server, http);
            done.add(round);
            if (!round.check().ok()) {
                break;
            }
        }
        return done;
    }

    /** One connection of one client: closed loop, one request in flight at a time, until the hang-up. */
    private static final class Connection {

        final RawHttp http;
        final int client;
        final int k;
        /** A request was written and its answer not read yet. Guarded by this. */
        boolean pending;
        /** Hung up (or given up after an error). Guarded by this. */
        boolean closed;

        Connection(RawHttp http, int client, int k) {
            this.http = http;
            this.client = client;
            this.k = k;
        }
    }

    private static Round round(int number, ServerProcess server, Http http) {
        long logOffset = server.logSize();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        AtomicInteger arrivedUnread = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            for (int k = 0; k < CONNECTIONS; k++) {
                try {
                    connections.add(new Connection(new RawHttp(server.port()), c, k));
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "connecting: " + e);
                }
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (Connection connection : connections) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        synchronized (connection) {
                            if (connection.closed) {
                                return;
                            }
                            send(connection.http, number, connection.client, connection.k, i);
                            connection.pending = true;
                        }
                        Http.Response response = connection.http.read();
                        synchronized (connection) {
                            connection.pending = false;
                        }
                        int expected = isMove(connection.k, i) ? 200 : 201;
                        if (response.status() == expected && response.position() > 0) {
                            answered.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "HTTP " + response.status() + " (expected " + expected
                                    + "): " + Load.abbreviate(response.body()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (connection) {
                        if (connection.closed) {
                            return; // the hang-up
                        }
                        connection.closed = true;
                        connection.http.close();
                    }
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
            }, "hang-up-" + number + "-" + connection.client + "-" + connection.k);
            thread.setDaemon(true);
            threads.add(thread);
        }
        long loadEnd = System.nanoTime() + LOAD.toNanos();
        threads.forEach(Thread::start);
        while (System.nanoTime() < loadEnd && answered.get() + errors.get() < OPS_PER_ROUND) {
            ServerProcess.sleep(10);
        }
        long hangUpAt = System.nanoTime();
        // The hang-up: the connections close one after the other in a random order, HANG_UP_SPREAD apart in all,
        // each with the request it was waiting for in flight; the others go on writing meanwhile. Each close is a
        // moment at which a command is cancelled: more moments, more chances to catch one inside H2's file I/O.
        List<Connection> order = new ArrayList<>(connections);
        Collections.shuffle(order, new Random(number));
        for (int n = 0; n < order.size(); n++) {
            Connection connection = order.get(n);
            long wait = (hangUpAt + HANG_UP_SPREAD.toNanos() * n / order.size() - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                ServerProcess.sleep(wait);
            }
            synchronized (connection) {
                if (!connection.closed) {
                    connection.closed = true;
                    if (connection.pending) {
                        (connection.http.answerStarted() ? arrivedUnread : abandoned).incrementAndGet();
                    }
                    connection.http.close();
                }
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long hungUp = System.nanoTime();
        ServerProcess.sleep(SETTLE_MS);
        System.out.printf("    round %d: %d writes answered in %d ms (%d errors), then %d requests abandoned in "
                        + "flight over %d ms (%d more closed with their answer arriving)%n", number, answered.get(),
                (hangUpAt - start) / 1_000_000, errors.get(), abandoned.get(), (hungUp - hangUpAt) / 1_000_000,
                arrivedUnread.get());
        if (firstError.get() != null) {
            System.out.println("    first error: " + firstError.get());
        }
        Check check = check(http, "after round " + number, "H" + number);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Round(number, answered.get(), errors.get(), firstError.get(), abandoned.get(),
                arrivedUnread.get(), server.logLinesSince(logOffset, Benchmarks.CLOSED_BY_INTERRUPT),
                server.logLinesSince(logOffset, Benchmarks.UOW_INTERRUPT), millis, check);
    }

    /** On connection {@code k}, moves and receipts alternate; neighbouring connections start with different ones. */
    private static boolean isMove(int k, int i) {
        return (i + k) % 2 == 0;
    }

    /** A move of one unit of the connection's own sku, or a receipt of a sku never seen before. */
    private static void send(RawHttp connection, int round, int client, int k, int i) throws IOException {
        if (isMove(k, i)) {
            connection.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/moves",
                    "{\"sku\":\"" + SKU + (client * CONNECTIONS + k) + "\",\"quantity\":1,\"from\":\""
                            + Benchmarks.location(1) + "\",\"to\":\"" + Benchmarks.location(2) + "\"}");
        } else {
            String id = round + "-" + client + "-" + k + "-" + i;
            connection.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/receipts",
                    receiptBody(SKU + "R" + id, "R-" + SKU + id, 1000));
        }
    }

    private static Http.Response receipt(Http http, String sku, String receiptId, long quantity) {
        return http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/receipts",
                receiptBody(sku, receiptId, quantity));
    }

    private static String receiptBody(String sku, String receiptId, long quantity) {
        return "{\"receiptId\":\"" + receiptId + "\",\"reference\":\"PO-bench\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + ",\"location\":\"" + Benchmarks.location(1) + "\"}]}";
    }

    /**
     * The status, and for an error the problem's detail. A 2xx is only ever a command's here (the audit's 200 is
     * read in {@link #check}), so it must carry X-Event-Position.
     */
    private static Answer answer(Http.Response response) {
        if (response.ok()) {
            return new Answer("HTTP " + response.status(), response.position() < 0
                    ? "HTTP " + response.status() + " without X-Event-Position" : null);
        }
        if (response.status() < 0) {
            return new Answer("no answer", Load.abbreviate(response.body()));
        }
        String detail;
        try {
            Object value = Json.at(response.json(), "detail");
            detail = value != null ? value.toString() : response.body();
        } catch (RuntimeException e) {
            detail = response.body();
        }
        return new Answer("HTTP " + response.status(), "HTTP " + response.status() + ": " + Load.abbreviate(detail));
    }
}
