package com.shipjoy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * (i) again, on a store that already holds a long history ({@code --history=N}, the full run's 1,000,000): what the
 * history costs the write path, the read models and start-up. On a server of its own and a data directory of its own:
 * <ol>
 *   <li>start on an empty directory (the server creates its schema) and stop;</li>
 *   <li>pre-load N events straight into the event store ({@code raw.History}, a child JVM);</li>
 *   <li>start (the first start on the history: the read-model processors step over it once), run (i)'s set-up and
 *       wait until every read model has processed it: the <em>catch-up</em>;</li>
 *   <li>stop and start again: the <em>start-up with N events</em>, every processor at the head as in production;</li>
 *   <li>run (i) without its set-up, to compare figure by figure with (i) on the empty store.</li>
 * </ol>
 */
final class HistoryRun {

    static final String HISTORY_MAIN = "com.shipjoy.bench.raw.History";
    static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(20);

    /** What the history part measured besides (i)'s own figures; -1 where it did not get that far. */
    record Facts(long events, long loadMillis, long storeBytes, ServerProcess.Startup firstStart, long catchUpMillis,
                 ServerProcess.Startup restart, String problem) {
    }

    private HistoryRun() {
    }

    static void run(Benchmarks.Options options, Path work, Report report) {
        long events = options.historyEvents();
        if (events <= 0) {
            return;
        }
        System.out.printf("-- (i) again on a history of %,d events (fresh server and data directory)%n", events);
        Path data = work.resolve("history-data");
        ServerProcess server = new ServerProcess(options.jar(), data, work.resolve("history-server.log"),
                options.serverJvmFlags());
        long loadMillis = -1;
        long storeBytes = -1;
        ServerProcess.Startup first = null;
        long catchUp = -1;
        ServerProcess.Startup restart = null;
        try {
            server.start();
            server.stop();
            long started = System.nanoTime();
            Path log = work.resolve("history-load.log");
            Process load = OrdersThroughput.childJvm(options.jar(), HISTORY_MAIN, log, data.toString(),
                    String.valueOf(events));
            if (!load.waitFor(30, TimeUnit.MINUTES) || load.exitValue() != 0) {
                load.destroyForcibly();
                throw new IllegalStateException("the pre-load failed: " + OrdersThroughput.tail(log));
            }
            loadMillis = (System.nanoTime() - started) / 1_000_000;
            storeBytes = Files.size(data.resolve("eventstore.mv.db"));
            System.out.printf("    %,d events pre-loaded in %.1f s; event store %,d MiB%n", events,
                    loadMillis / 1000.0, storeBytes >> 20);

            first = server.start();
            System.out.printf("    first start on the history: healthy after %d ms%n", first.healthyMillis());
            catchUp = new OrdersThroughput(options, server, work, report, true).setUpAndCatchUp(CATCH_UP_PATIENCE);
            System.out.printf("    set-up done and every read model past the history %s%n", catchUp < 0
                    ? "NOT within " + CATCH_UP_PATIENCE.toMinutes() + " min" : catchUp + " ms after that start");
            server.stop();

            restart = server.start();
            System.out.printf("    start-up with %,d events (processors at the head): healthy after %d ms%n", events,
                    restart.healthyMillis());
            report.history = new Facts(events, loadMillis, storeBytes, first, catchUp, restart, null);
            new OrdersThroughput(options, server, work, report, true).runAfterSetUp(restart);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            fail(report, new Facts(events, loadMillis, storeBytes, first, catchUp, restart, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(report, new Facts(events, loadMillis, storeBytes, first, catchUp, restart, e.toString()));
        } finally {
            server.stop();
        }
    }

    private static void fail(Report report, Facts facts) {
        report.history = facts;
        report.failures.add("(i) on the history broke off: " + Load.abbreviate(facts.problem()));
        System.out.println("    (i) on the history broke off: " + facts.problem());
    }
}
