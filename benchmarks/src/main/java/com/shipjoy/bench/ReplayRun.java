package com.shipjoy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 12's replays at a million events ({@code --replays[=N]}): every read model rebuilt over a store of N events of
 * the kinds the service writes, not the stepped-over filler of {@code raw.History}. On a server of its own:
 * <ol>
 *   <li>copy a stopped server's data directory of real events (in the full run, (i)'s after its soak; alone,
 *       {@code --replay-data=DIR}, kept by an earlier {@code --keep-data} run), start this build on it, give part of
 *       its orders their warehouse side through the API ({@link Fulfilment}: picks, packing, shipping, deliveries,
 *       returns) and stop;</li>
 *   <li>grow its event store to N events with renamed copies of them ({@code raw.Clones}, a child JVM);</li>
 *   <li>start, and wait until every read model has processed the copies (the <em>catch-up</em>);</li>
 *   <li>replay every read model, one after the other ({@link Replays}).</li>
 * </ol>
 */
final class ReplayRun {

    static final String CLONES_MAIN = "com.shipjoy.bench.raw.Clones";
    static final Duration PATIENCE = Duration.ofMinutes(40);
    /** Tasks picked in the seed before copying: about half of (i)'s released orders. */
    static final int FULFILLED_TASKS = 1_500;

    /** What it measured: the store's events, the catch-up (-1: not done) and the replays. */
    record Facts(Fulfilment.Done fulfilled, long events, long cloneMillis, long catchUpMillis,
                 List<Replays.Replay> replays) {
    }

    private ReplayRun() {
    }

    /**
     * Runs it over a copy of {@code seed} (a stopped server's data directory) in {@code work}, replaying {@code names};
     * null if it broke off before the replays (the reason is in {@code failures}).
     */
    static Facts run(Benchmarks.Options options, Path seed, long events, List<String> names, Path work,
                     List<String> failures) throws IOException, InterruptedException {
        System.out.printf("-- replays over %,d events: copies of the real events of %s%n", events, seed);
        Path data = work.resolve("replay-data");
        copyTree(seed, data);
        ServerProcess server = new ServerProcess(options.jar(), data, work.resolve("replay-server.log"),
                options.serverJvmFlags());
        // This build started on the copy first: the copies are then stored with the settings it gives the store,
        // and (i)'s orders get their warehouse side (Fulfilment) before they are copied.
        server.start();
        Http seedHttp = new Http(server.port());
        // A store grown by an earlier run (a kept replay-data) is used as it is.
        Fulfilment.Done fulfilled = head(seedHttp) >= events ? new Fulfilment.Done(0, 0, 0, 0, 0)
                : Fulfilment.run(seedHttp, FULFILLED_TASKS);
        server.stop();
        System.out.printf("    fulfilment before copying: %d tasks picked, %d shipments packed and shipped, %d "
                + "orders delivered, %d returned (%d requests failed)%n", fulfilled.picked(), fulfilled.shipped(),
                fulfilled.delivered(), fulfilled.returned(), fulfilled.failed());
        if (fulfilled.failed() > 0) {
            failures.add(fulfilled.failed() + " fulfilment requests failed before the copies");
        }
        long started = System.nanoTime();
        Path log = work.resolve("clones.log");
        Process clones;
        try {
            clones = OrdersThroughput.childJvm(options.jar(), CLONES_MAIN, log, data.toString(),
                    String.valueOf(events));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!clones.waitFor(30, TimeUnit.MINUTES) || clones.exitValue() != 0) {
            clones.destroyForcibly();
            failures.add("the copies failed: " + OrdersThroughput.tail(log));
            return null;
        }
        long cloneMillis = (System.nanoTime() - started) / 1_000_000;
        String[] line = Files.readAllLines(log).stream().filter(l -> l.startsWith("clones\t")).findFirst()
                .orElseThrow().split("\t");
        long head = Long.parseLong(line[3]);
        System.out.printf("    %s events (head %,d) after %.1f s of copying%n", line[1], head, cloneMillis / 1e3);

        try {
            ServerProcess.Startup startup = server.start();
            Http http = new Http(server.port());
            long catchUp = catchUp(http, head);
            System.out.printf("    healthy after %d ms; every read model at the head %s%n", startup.healthyMillis(),
                    catchUp < 0 ? "NOT within " + PATIENCE.toMinutes() + " min" : catchUp + " ms after that");
            if (catchUp < 0) {
                failures.add("the read models did not process the copies within " + PATIENCE.toMinutes() + " min");
                return new Facts(fulfilled, head, cloneMillis, -1, List.of());
            }
            return new Facts(fulfilled, head, cloneMillis, catchUp, Replays.measure(http, server, head, names, PATIENCE,
                    failures));
        } finally {
            server.stop();
        }
    }

    /** The event store's head, as the projections' status gives it. */
    private static long head(Http http) {
        return Json.number(projections(http).get(0), "headPosition");
    }

    /** Milliseconds until every read model's position is at least {@code head}; -1 if not within the patience. */
    private static long catchUp(Http http, long head) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < PATIENCE.toNanos()) {
            List<?> models = projections(http);
            if (!models.isEmpty() && models.stream().allMatch(model -> Json.number(model, "position") >= head)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(1000);
        }
        return -1;
    }

    /** Every read model's status ({@code GET /api/admin/projections}); none if the server did not answer 200. */
    private static List<?> projections(Http http) {
        Http.Response status = http.get(Benchmarks.AUDITOR, "/api/admin/projections");
        return status.status() == 200 ? (List<?>) Json.parse(status.body()) : List.of();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
