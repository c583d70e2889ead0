package com.shipjoy.bench;

import com.shipjoy.bench.Load.Result;
import com.shipjoy.bench.Load.Sample;
import com.shipjoy.bench.raw.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 12's audit figures ({@code --audit[=N]}, printed, never written into BENCHMARKS.md): as-of of one sku with a
 * tenth of N movements, and the consistency audit over a tenth of N levels, in a store of N events (the full
 * measurement: 100,000 movements and 100,000 levels in 1,000,000 events). On a server of its own:
 * <ol>
 *   <li>start on an empty directory (the server creates its schema) and stop;</li>
 *   <li>pre-load N events ({@code raw.History} with {@code audit}: the audited sku's stream and the levels spread
 *       over a history of events no handler knows);</li>
 *   <li>start, and wait until the inventory, the ledger and the audit checkpoints have processed the history;</li>
 *   <li>as-of of the audited sku at the current instant and at random instants within its history, one client;
 *       then the consistency audit, which must find every level and no mismatch;</li>
 *   <li>a replay of each stock read model and of the orders, one after the other ({@code POST /api/admin/projections/{name}/replay}, then
 *       polling its status until it is live again): events per second over the whole store, and the server's CPU;
 *       after the replays the audit must still find no mismatch.</li>
 * </ol>
 */
final class AuditReads {

    static final String READER = Benchmarks.AUDITOR;
    static final Duration PATIENCE = Duration.ofMinutes(30);
    static final int AS_OF_READS = 50;
    static final int AUDITS = 3;
    static final Duration CAP = Duration.ofMinutes(5);
    static final List<String> REPLAYED = List.of("inventory", "stock-ledger", "stock-checkpoints", "orders");

    private final Benchmarks.Options options;
    private final long events;

    AuditReads(Benchmarks.Options options, long events) {
        this.options = options;
        this.events = options.quick() ? events / 10 : events;
    }

    /** Runs it and prints the figures; false if a check failed. */
    boolean run() throws Exception {
        Path work = Files.createTempDirectory("shipjoy-bench-audit-");
        Path data = work.resolve("data");
        ServerProcess server = new ServerProcess(options.jar(), data, work.resolve("server.log"),
                options.serverJvmFlags());
        List<String> failures = new ArrayList<>();
        try {
            server.start();
            server.stop();
            System.out.printf("-- pre-loading %,d events (%,d movements of %s, %,d levels)%n", events, events / 10,
                    History.AUDIT_SKU, events / 10);
            long started = System.nanoTime();
            Path log = work.resolve("history-load.log");
            Process load = OrdersThroughput.childJvm(options.jar(), HistoryRun.HISTORY_MAIN, log, data.toString(),
                    String.valueOf(events), "audit");
            if (!load.waitFor(30, TimeUnit.MINUTES) || load.exitValue() != 0) {
                load.destroyForcibly();
                throw new IllegalStateException("the pre-load failed: " + OrdersThroughput.tail(log));
            }
            long head = Long.parseLong(Files.readAllLines(log).stream().filter(line -> line.startsWith("history\t"))
                    .findFirst().orElseThrow().split("\t")[3]);
            System.out.printf("    pre-loaded in %.1f s, head %d%n", (System.nanoTime() - started) / 1e9, head);

            ServerProcess.Startup startup = server.start();
            Http http = new Http(server.port());
            long catchUp = catchUp(http, head);
            System.out.printf("    healthy after %d ms; read models and checkpoints past the history %s%n",
                    startup.healthyMillis(), catchUp < 0 ? "NOT within " + PATIENCE.toMinutes() + " min"
                            : catchUp + " ms after that");
            if (catchUp < 0) {
                failures.add("the read models did not process the history");
                return false;
            }
            asOf(http, server, failures);
            audit(http, server, failures);
            replays(http, server, head, failures);
        } finally {
            server.stop();
            if (!options.keepData()) {
                Benchmarks.deleteTree(work);
            } else {
                System.out.println("Data and log kept in " + work);
            }
            failures.forEach(failure -> System.err.println("HARNESS RUN FAILED: " + failure));
        }
        return failures.isEmpty();
    }

    /** Milliseconds until the inventory, the ledger and the checkpoints have processed {@code head}; -1 if not. */
    private static long catchUp(Http http, long head) throws InterruptedException {
        long start = System.nanoTime();
        String sku = History.AUDIT_SKU;
        for (String path : List.of("/api/inventory/" + sku + "?minPosition=" + head,
                "/api/inventory/" + sku + "/movements?size=1&minPosition=" + head,
                "/api/inventory/" + sku + "/as-of?at=" + Instant.now())) {
            while (http.get(READER, path).status() != 200) {
                if (System.nanoTime() - start > PATIENCE.toNanos()) {
                    return -1;
                }
                Thread.sleep(200);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** As-of now (the current checkpoint) and at random instants of the history (an earlier one and its events). */
    private void asOf(Http http, ServerProcess server, List<String> failures) {
        String path = "/api/inventory/" + History.AUDIT_SKU + "/as-of?at=";
        Http.Response now = http.get(READER, path + Instant.now());
        long movements = now.status() == 200 ? Json.number(now.json(), "eventsReplayed") : -1;
        System.out.printf("-- as-of of %s (%,d movements) in a store of %,d events, 1 client%n", History.AUDIT_SKU,
                movements, events);
        if (movements != events / 10) {
            failures.add("as-of now replayed " + movements + " movements, not " + events / 10 + ": " + now.body());
        }
        // The history spans the year before yesterday (see raw.History).
        Instant newest = Instant.now().minus(Duration.ofDays(1));
        List<Result> results = List.of(
                Load.run("as-of now", 1, AS_OF_READS, CAP, server,
                        (index, client) -> Sample.of(http.get(READER, path + Instant.now()), 200)),
                Load.run("as-of at random instants of its history", 1, AS_OF_READS, CAP, server,
                        (index, client) -> Sample.of(http.get(READER, path + newest.minusSeconds(
                                ThreadLocalRandom.current().nextLong(365L * 24 * 3600))), 200)),
                Load.run("as-of now, fromFirstEvent=true", 1, 3, CAP, server,
                        (index, client) -> Sample.of(http.get(READER, path + Instant.now()
                                + "&fromFirstEvent=true"), 200)));
        results.stream().filter(result -> result.errors() > 0).forEach(result ->
                failures.add(result.name() + ": " + result.firstError()));
    }

    /**
     * The stock read models replayed, then the audit again (each must still find every level and no mismatch). Only
     * they have events of their own in this store; {@code orders} stands for the others, whose rate here is that of
     * reading the store and stepping over events they do not handle.
     */
    private void replays(Http http, ServerProcess server, long head, List<String> failures) {
        Replays.measure(http, server, head, REPLAYED, PATIENCE, failures);
        audit(http, server, failures);
    }

    /** The consistency audit over every level: each answer must have checked them all and found no mismatch. */
    private void audit(Http http, ServerProcess server, List<String> failures) {
        long levels = events / 10 + 1;
        System.out.printf("-- the consistency audit over %,d levels, 1 client%n", levels);
        Result result = Load.run("GET /api/audit/inventory-consistency", 1, AUDITS, CAP, server, (index, client) -> {
            Http.Response response = http.get(READER, "/api/audit/inventory-consistency");
            Sample sample = Sample.of(response, 200);
            if (sample.error() == null && (Json.number(response.json(), "checked") != levels
                    || !response.body().contains("\"mismatches\":[]"))) {
                return new Sample(response.nanos(), "not every level checked, or mismatches: "
                        + Load.abbreviate(response.body()));
            }
            return sample;
        });
        if (result.errors() > 0) {
            failures.add(result.name() + ": " + result.firstError());
        }
    }
}
