package com.shipjoy.bench;

import static com.shipjoy.bench.Markdown.f;
import static com.shipjoy.bench.Markdown.ms;

import com.shipjoy.bench.Load.Result;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run measured, as the generated part of BENCHMARKS.md. */
final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED: rewritten by every run of the harness; edit outside -->";
    static final String END = "<!-- END GENERATED -->";

    final Benchmarks.Options options;
    final ZonedDateTime started;
    final String loadBefore;
    ZonedDateTime finished;
    String loadAfter;
    String serverFlags = "";
    boolean attachApi;

    ServerProcess.Startup coldStart;
    ServerProcess.Startup warmStart;
    long[] rssIdle;
    long[] rssAfterLoad;
    long[] rssRestart;
    long shutdownMillis;

    final List<Result> warmUp = new ArrayList<>();
    final List<Result> receipts = new ArrayList<>();
    final List<Result> moves = new ArrayList<>();
    final List<Result> hotMoves = new ArrayList<>();
    final List<Result> ryw = new ArrayList<>();
    final List<Double> rywCommandP50 = new ArrayList<>();
    final List<Double> rywBackground = new ArrayList<>();
    final List<Result> rywImmediate = new ArrayList<>();
    final List<Integer> rywStale = new ArrayList<>();
    final List<Result> queries = new ArrayList<>();
    Result auditEarly;
    Result auditLate;
    String auditAfterRestart = "";
    long events;
    long eventsAtEnd;
    long hotEntries;
    long lowStockTotal;
    long skuCount;
    ThreadSampler.Profile profile;
    Result snapshot;
    long snapshotPoolTimeouts;
    long snapshotInterrupts;
    long snapshotClosedChannels;
    String snapshotProbe = "";
    long snapshotShutdownMillis;
    long snapshotAcknowledged;
    long snapshotHeadAfterRestart;
    String snapshotAudit = "";
    int snapshotDiverged;
    long snapshotDivergence;
    long snapshotStoredDespiteError;
    long snapshotAcknowledgedMissing;
    final Map<Result, Long> catchUp = new java.util.IdentityHashMap<>();
    /** Checks that failed: each fails the run (exit status 1) and is printed at the top of the report. */
    final List<String> failures = new ArrayList<>();
    /** Does the server still write? After (a)–(d), and before (h)'s first round. */
    final List<AbandonedRequests.Check> writeChecks = new ArrayList<>();
    List<AbandonedRequests.Round> hangUps;
    int abandonedElsewhere;
    String heapInfo = "";
    double poolSize = Double.NaN;
    /** (i): orders end to end; null when (i) did not run. */
    OrdersThroughput.Results orders;
    /** (i) again on a pre-loaded history (HistoryRun), and what that part measured besides; null if not run. */
    OrdersThroughput.Results ordersWithHistory;
    HistoryRun.Facts history;
    /** Every read model replayed over copies of (i)'s events (ReplayRun); null if not run. */
    ReplayRun.Facts replays;

    Report(Benchmarks.Options options, ZonedDateTime started, String loadBefore) {
        this.options = options;
        this.started = started;
        this.loadBefore = loadBefore;
    }

    String markdown() {
        Markdown md = new Markdown();
        md.heading(2, (options.hangUpsOnly() ? "Scenario (h) alone (--hang-ups): run of "
                : options.ordersOnly() ? "Scenario (i) alone (--orders-throughput): run of " : "Run of ")
                + instant(started)
                + (options.quick() ? " (--quick: a smoke test, counts ÷10, not a measurement)" : ""));
        if (!failures.isEmpty()) {
            md.paragraph("**THIS RUN FAILED** (the harness exited with status 1):");
            md.bullets(failures.stream().map(failure -> "**FAILED:** " + failure).toList());
        }
        machine(md);
        if (options.hangUpsOnly()) {
            hangUps(md);
        } else if (options.ordersOnly()) {
            orders(md);
            history(md);
            threadCpu(md);
            pool(md);
            if (orders != null && orders.profile != null) {
                profile(md, orders.profile, "placed orders", "orders/s");
            }
        } else {
            results(md);
        }
        return md.toString();
    }

    private void machine(Markdown md) {
        md.heading(3, "Machine and settings");
        String minutes = finished == null ? "?" : f("%.1f", (finished.toEpochSecond() - started.toEpochSecond()) / 60.0);
        md.table("", "").leftAligned()
                .row("machine", Machine.cores() + " cores (nproc), " + Machine.memory() + ", " + Machine.cpuModel()
                        + ", " + Machine.kernel())
                .row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.home") + "), the same for server and harness")
                .row("load average (1/5/15 min) before / after", loadBefore + " → " + loadAfter)
                .row("run took", minutes + " min, " + instant(started) + " → "
                        + (finished == null ? "?" : instant(finished)))
                .row("server", "`java " + String.join(" ", options.serverJvmFlags())
                        + (options.serverJvmFlags().isEmpty() ? "" : " ") + "-jar application/target/shipjoy.jar "
                        + "--server.port=<free> --shipjoy.data-dir=<fresh temp dir>` (the README's command; JVM "
                        + "defaults unless --server-jvm-flags)")
                .row("server JVM flags in effect", "`" + flagsLine() + "`")
                .row("harness", "java.net.http.HttpClient, HTTP/1.1 keep-alive, preemptive Basic auth "
                        + "(`warehouse` writes, `auditor` reads), closed loop: each client sends its next request "
                        + "when the previous one is answered; all traffic to 127.0.0.1. Harness JVM args: "
                        + harnessArgs())
                .row("bounds", options.hangUpsOnly() ? "(h) alone: " + hangUpBounds()
                        : options.ordersOnly() ? "(i) alone: " + OrdersThroughput.bounds(options) : "warm-up "
                        + options.n(Benchmarks.WARM_UP) + " receipts, moves and reads each (4 clients); receipts and "
                        + "moves "
                        + options.n(Benchmarks.RECEIPTS) + " / " + options.n(Benchmarks.MOVES) + " per client count, "
                        + "hot sku " + options.n(Benchmarks.HOT_MOVES) + " per client count, read-your-writes "
                        + options.n(Benchmarks.RYW_IDLE) + " idle and " + options.n(Benchmarks.RYW_LOADED)
                        + " under load; each scenario stops at its count or after " + Benchmarks.CAP.toSeconds()
                        + " s (hot sku " + Benchmarks.HOT_CAP.toSeconds() + " s, queries "
                        + Benchmarks.QUERY_CAP.toSeconds() + " s, (f) " + Benchmarks.SNAPSHOT_CAP.toSeconds()
                        + " s), whichever comes first; (f) " + Benchmarks.SNAPSHOT_SKUS + " × "
                        + Benchmarks.SNAPSHOT_MOVES_PER_SKU + " moves; (h) " + hangUpBounds() + "; (i) "
                        + OrdersThroughput.bounds(options))
                .end();
        md.paragraph("The harness shares the 2 cores with the server: *server cores* is the server process's CPU "
                + "time over the scenario's wall time (2.00 = both cores), *harness / other cores* the same for "
                + "the load generator and for everything else on the machine (from /proc). *server CPU ms/op* is "
                + "server CPU time divided by operations: the cost of one operation whatever the concurrency. "
                + "Latencies are per operation as the client sees it (request sent → answer read), successful "
                + "operations only; errors are counted separately and every scenario checks its answers.");
    }

    private String hangUpBounds() {
        return f("%d rounds of %d clients × %d connections: %d s of load (at most %d answers), then up to %d "
                        + "requests abandoned in flight; not changed by --quick", options.hangUpRounds(),
                AbandonedRequests.CLIENTS, AbandonedRequests.CONNECTIONS, AbandonedRequests.LOAD.toSeconds(),
                AbandonedRequests.OPS_PER_ROUND, AbandonedRequests.CLIENTS * AbandonedRequests.CONNECTIONS);
    }

    private static String instant(ZonedDateTime time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String harnessArgs() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.isEmpty() ? "none" : "`" + String.join(" ", args) + "`";
    }

    private String flagsLine() {
        for (String line : serverFlags.split("\n")) {
            if (line.contains("-XX:")) {
                return line.strip();
            }
        }
        return "unknown";
    }

    private void results(Markdown md) {
        md.heading(3, "Warm-up (not a measurement)");
        md.paragraph("Right after start-up, to let the JIT compile the write and read paths before the "
                + "measurements. It is not finished by then: see the *JIT* column further down.");
        Markdown.Table w = md.table(withCatchUp(Markdown.loadHeaders("warm-up")));
        warmUp.forEach(r -> w.load(r, new Object[] {r.name().substring("warm-up: ".length())}, catchUpCell(r)));
        w.end();

        md.heading(3, "(a) Receipts of new skus");
        md.paragraph("`POST /api/warehouses/WH1/receipts` with one line of a sku never seen before: the API records "
                + "the receipt (Receipt aggregate) and posts the line to the sku's Stock aggregate, two commands and "
                + "two events, answering after both are stored. Run in this order, on one server, after the warm-up.");
        Markdown.Table a = md.table(withCatchUp(Markdown.loadHeaders("scenario")));
        receipts.forEach(r -> a.load(r, new Object[] {"receipts"}, catchUpCell(r)));
        a.end();
        md.paragraph(CATCH_UP);

        md.heading(3, "(b) Moves on existing skus");
        md.paragraph("`POST /api/warehouses/WH1/moves` of one unit: one command, one event. *" + Benchmarks.MOVE_POOL
                + " skus*: consecutive operations go to different skus (no two clients on one aggregate). *hot sku*: "
                + "every client moves the same sku back and forth (one aggregate; snapshots every 100 events). "
                + "These also build the hot sku's ledger of " + hotEntries + " entries used in (d).");
        Markdown.Table b = md.table(withCatchUp(Markdown.loadHeaders("scenario")));
        moves.forEach(r -> b.load(r, new Object[] {"moves, " + Benchmarks.MOVE_POOL + " skus"}, catchUpCell(r)));
        hotMoves.forEach(r -> b.load(r, new Object[] {"moves, one hot sku"}, catchUpCell(r)));
        b.end();

        md.heading(3, "(c) Read-your-writes");
        md.paragraph("A move, then `GET /api/inventory/{sku}?minPosition=<its X-Event-Position>`; the latency is "
                + "from the command's answer to the query's answer (which must show the move; a stale answer "
                + "counts as an error). The server checks the projection's position every 10 ms "
                + "(`EventPositions.awaitProcessed`). *read at once*: for comparison, the same move followed at once "
                + "by a plain `GET /api/inventory/{sku}` (no `minPosition`): its latency, and how many of those reads "
                + "did not show the move yet.");
        Markdown.Table c = md.table("condition", "ops", "errors", "command p50 ms", "RYW p50 ms", "RYW p95 ms",
                "RYW p99 ms", "RYW max ms", "read at once p50 ms", "read at once stale", "background receipts/s",
                "projections caught up ms");
        for (int i = 0; i < ryw.size(); i++) {
            Result r = ryw.get(i);
            Result once = rywImmediate.get(i);
            c.row(r.name().substring("read-your-writes, ".length()), r.ops(), r.errors(), ms(rywCommandP50.get(i)),
                    ms(r.percentileMillis(50)), ms(r.percentileMillis(95)), ms(r.percentileMillis(99)),
                    ms(r.maxMillis()), ms(once.percentileMillis(50)),
                    f("%d of %d", rywStale.get(i), once.ops() - once.errors()),
                    rywBackground.get(i) == 0 ? "–" : f("%.1f", rywBackground.get(i)), catchUpCell(r)[0]);
        }
        c.end();

        md.heading(3, "(d) Queries");
        md.paragraph(f("After %d events: %d skus in the inventory read model (%d of them low stock, available ≤ %d), "
                        + "the hot sku's ledger holds %d entries. Default page size 50.", events, skuCount,
                lowStockTotal, Benchmarks.LOW_STOCK, hotEntries));
        Markdown.Table d = md.table(Markdown.loadHeaders("query"));
        queries.forEach(r -> d.load(r, "`" + r.name() + "`"));
        if (auditEarly != null) {
            d.load(auditEarly, "`GET /api/audit/inventory-consistency`, "
                    + auditEarly.name().substring("audit ".length()));
        }
        if (auditLate != null) {
            d.load(auditLate, "`GET /api/audit/inventory-consistency`, "
                    + auditLate.name().substring("audit ".length()));
        }
        d.end();

        md.heading(3, "(e) Start-up and memory");
        md.table("", "value").leftAligned()
                .row("start-up on an empty data dir: spawn → first healthy `/actuator/health`",
                        coldStart == null ? "–" : coldStart.healthyMillis() + " ms")
                .row("… as Spring Boot reports it (\"Started … in\" / \"process running for\")",
                        coldStart == null ? "–" : f("%.1f s / %.1f s", coldStart.bootSeconds(),
                                coldStart.jvmSeconds()))
                .row("RSS idle after start-up", rssIdle == null ? "–" : rssIdle[0] + " MiB")
                .row("RSS after the load (peak RSS)", rssAfterLoad == null ? "–"
                        : rssAfterLoad[0] + " MiB (" + rssAfterLoad[1] + " MiB)")
                .row("Java heap after the load (`GC.heap_info`)", "`" + heapInfo + "`")
                .row("graceful shutdown (SIGTERM → exit)", shutdownMillis + " ms")
                .row("restart on the same data (" + eventsAtEnd + " events): spawn → healthy",
                        warmStart == null ? "–" : warmStart.healthyMillis() + " ms (Boot: "
                                + f("%.1f s", warmStart.bootSeconds()) + ")")
                .row("RSS idle after the restart", rssRestart == null ? "–" : rssRestart[0] + " MiB")
                .row("consistency audit after the restart", "`" + Load.abbreviate(auditAfterRestart) + "`")
                .end();

        if (snapshot != null) {
            snapshot(md);
        }
        hangUps(md);
        orders(md);
        history(md);
        threadCpu(md);
        pool(md);
        if (profile != null) {
            profile(md, profile, "sent receipts", "receipts/s");
        }
        if (orders != null && orders.profile != null) {
            profile(md, orders.profile, "placed orders", "orders/s");
        }
        derived(md);
    }

    static final String CATCH_UP = "*projections caught up ms*: when the last client has its answer, how long "
            + "until both the inventory and the stock-ledger read models have processed the newest position "
            + "(`GET …?minPosition=<newest X-Event-Position>`, retried on 503): the projections' backlog at the end "
            + "of the scenario.";

    private static String[] withCatchUp(String[] headers) {
        String[] with = java.util.Arrays.copyOf(headers, headers.length + 1);
        with[headers.length] = "projections caught up ms";
        return with;
    }

    private Object[] catchUpCell(Result r) {
        Long millis = catchUp.get(r);
        return new Object[] {millis == null ? "–" : millis < 0 ? "not in 2 min" : millis.toString()};
    }

    private void snapshot(Markdown md) {
        md.heading(3, "(f) Snapshots under concurrency");
        md.paragraph(f("%d clients move %d fresh skus (consecutive operations on different skus) until each has "
                        + "passed its 100th event, where `Stock` is snapshotted (`stockSnapshotTrigger`: every 100 "
                        + "events; Axon takes the snapshot on the commanding thread after the commit, in a new "
                        + "transaction). Run last, on the restarted server, because it can leave the server unable "
                        + "to write; afterwards the harness sends one receipt, restarts the server once more and "
                        + "audits it.", Benchmarks.SNAPSHOT_SKUS, Benchmarks.SNAPSHOT_SKUS));
        md.table(Markdown.loadHeaders("scenario", "answers > 10 s"))
                .load(snapshot, "moves, 16 skus past their 100th event", snapshot.slowerThan(10_000))
                .end();
        md.table("after the scenario", "").leftAligned()
                .row("first error", snapshot.firstError() == null ? "none"
                        : "`" + Load.abbreviate(snapshot.firstError()).replace("`", "'") + "`")
                .row("JDBC connection timeouts (HikariCP's counter; it gives up after 30 s)",
                        snapshot.pool() == null ? "–" : f("%.0f", snapshot.pool().timeouts()))
                .row("server log lines containing `" + Benchmarks.POOL_TIMEOUT + "`", snapshotPoolTimeouts)
                .row("server log lines containing `" + Benchmarks.UOW_INTERRUPT + "` (Axon interrupts a unit of "
                        + "work after 60 s)", snapshotInterrupts)
                .row("server log lines containing `" + Benchmarks.CLOSED_BY_INTERRUPT + "` (an interrupt closed "
                        + "H2's file channel)", snapshotClosedChannels)
                .row("a receipt sent afterwards", "HTTP " + snapshotProbe)
                .row("graceful shutdown afterwards", snapshotShutdownMillis + " ms")
                .row("after a restart: highest `X-Event-Position` of a 2xx answer before / the store's head",
                        snapshotAcknowledged + " / " + snapshotHeadAfterRestart)
                .row("after a restart: skus whose stored stock (as-of, replayed from the event store) differs "
                        + "from what the 200 answers add up to", f("%d of %d (%d units in all)", snapshotDiverged,
                        Benchmarks.SNAPSHOT_SKUS, snapshotDivergence))
                .row("after a restart: moves in the event store although their answer was an error (500: "
                        + "\"nothing was changed\") / moves answered 200 but missing from the store",
                        snapshotStoredDespiteError + " / " + snapshotAcknowledgedMissing)
                .row("consistency audit after the restart", "`" + Load.abbreviate(snapshotAudit) + "`")
                .end();
    }

    private void hangUps(Markdown md) {
        if (hangUps == null && writeChecks.isEmpty()) {
            return;
        }
        md.heading(3, "(h) Clients that hang up with requests in flight");
        md.paragraph(f("%d clients, each with %d keep-alive connections (plain sockets: java.net.http cannot "
                        + "abandon a request on Java 17), send moves of one unit (each connection its own sku) and "
                        + "receipts of new skus, one request in flight per connection, for %d s; then the harness "
                        + "closes the %d connections one by one in a random order within %d ms (the others writing "
                        + "on meanwhile), each with the request it waits for unanswered, as a load generator that "
                        + "stops does (wrk, or this harness killed). *abandoned in flight*: requests of which no "
                        + "byte of the answer had arrived when their connection closed. Reactor cancels such a "
                        + "request, which interrupts the thread running the command; an interrupt inside H2's file "
                        + "I/O closes H2's `FileChannel`, and every later command answers 500 until a restart. %d ms "
                        + "after the last hang-up the harness checks that the server still writes (a receipt of a new "
                        + "sku must answer 201, a move of one of its units 200, both with `X-Event-Position`) and "
                        + "that `GET /api/audit/inventory-consistency?minPosition=<the move's X-Event-Position>` (as "
                        + "`auditor`, asked again while it answers 503) lists no mismatches; answers other than "
                        + "201/200 during the round are counted, not failed. A failed write is followed by one more "
                        + "receipt %d s later, to show whether the failure lasts. A failed check fails the harness "
                        + "run (exit status 1, a **FAILED** line at the top of this report) and ends the rounds. %s",
                AbandonedRequests.CLIENTS, AbandonedRequests.CONNECTIONS, AbandonedRequests.LOAD.toSeconds(),
                AbandonedRequests.CLIENTS * AbandonedRequests.CONNECTIONS, AbandonedRequests.HANG_UP_SPREAD.toMillis(),
                AbandonedRequests.SETTLE_MS, AbandonedRequests.RETRY_MS / 1000, options.hangUpsOnly()
                        ? "Run alone (`--hang-ups`) on a fresh server, " + options.hangUpRounds() + " rounds."
                        : "Run last, on the server (f) restarted. The same check also ran on the first server after "
                        + "every other scenario, before (e)'s restart: those scenarios wait for all their answers "
                        + "(the time caps never cut a request off), so they must leave a server that writes."));
        Markdown.Table t = md.table("check", "writes answered", "errors", "abandoned in flight",
                "closed with the answer arriving", "receipt afterwards", "move afterwards", "consistency audit",
                "`" + Benchmarks.CLOSED_BY_INTERRUPT + "` in the server log", "server still writes");
        for (AbandonedRequests.Check check : writeChecks) {
            t.row(check.label(), "–", "–", "–", "–", check.receipt().brief(), check.move().brief(),
                    check.audit().brief(), "–", yesNo(check));
        }
        List<AbandonedRequests.Round> rounds = hangUps == null ? List.of() : hangUps;
        for (AbandonedRequests.Round round : rounds) {
            AbandonedRequests.Check check = round.check();
            t.row("after round " + round.round() + " (" + round.millis() + " ms)", round.answered(),
                    round.errors(), round.abandoned(), round.arrivedUnread(), check.receipt().brief(),
                    check.move().brief(), check.audit().brief(), round.closedChannels(), yesNo(check));
        }
        t.end();
        int abandoned = rounds.stream().mapToInt(AbandonedRequests.Round::abandoned).sum();
        boolean allOk = rounds.size() == options.hangUpRounds()
                && rounds.stream().allMatch(round -> round.check().ok())
                && writeChecks.stream().allMatch(AbandonedRequests.Check::ok);
        String firstError = rounds.stream().map(AbandonedRequests.Round::firstError)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        AbandonedRequests.Check failed = rounds.stream().map(AbandonedRequests.Round::check)
                .filter(check -> !check.ok()).findFirst().orElse(null);
        md.table("summary", "").leftAligned()
                .row("requests abandoned in flight, all rounds", abandoned)
                .row("rounds", f("%d of %d", rounds.size(), options.hangUpRounds())
                        + (rounds.size() < options.hangUpRounds() ? " (ended by a failed check)" : ""))
                .row("result", allOk ? "the server still wrote after every round, and its read models agreed "
                        + "with the event store" : "**FAILED:** " + (failed != null ? failed.label() + " "
                        + failed.verdict() + ": " + failed.summary().replace("`", "'") : "see the checks above"))
                .row("first error of the writers during the rounds",
                        firstError == null ? "none" : "`" + Load.abbreviate(firstError).replace("`", "'") + "`")
                .row("server log lines containing `" + Benchmarks.UOW_INTERRUPT + "` during the rounds",
                        rounds.stream().mapToLong(AbandonedRequests.Round::unitOfWorkInterrupts).sum())
                .row("requests the harness gave up on before (h) (java.net.http timeout after "
                        + Http.TIMEOUT.toSeconds() + " s)", abandonedElsewhere)
                .end();
    }

    // ---------------------------------------------------------------------------------------------- (i)

    private void orders(Markdown md) {
        OrdersThroughput.Results o = orders;
        if (o == null) {
            return;
        }
        md.heading(3, "(i) Orders end to end");
        md.paragraph(f("`POST /api/orders` as `channel`, a new channel+externalOrderId each time, one line of one "
                        + "unit of a random sku of %d (each received with %,d units, far more than all orders "
                        + "together), answered 201 after the allocation process has reserved the unit and released "
                        + "the order (shipment, pick task) and with every projection running. %s Warm-up first "
                        + "(below). Every part stops at its count or its time cap. *projections caught up ms*: from "
                        + "the last answer of the run until every read model answered `?minPosition=<the highest "
                        + "X-Event-Position of the run>` (see the lag table).", OrdersThroughput.SKUS,
                OrdersThroughput.STOCK, o.ownServer
                        ? f("On a server of its own, started on an empty data directory after (h) "
                        + "(spawn → healthy %s ms), so that its figures do not depend on the scenarios before.",
                        o.startup == null ? "–" : String.valueOf(o.startup.healthyMillis()))
                        : f("Run alone on a fresh server (spawn → healthy %s ms).",
                        o.startup == null ? "–" : String.valueOf(o.startup.healthyMillis()))));
        if (o.aborted != null) {
            md.paragraph("**(i) broke off:** `" + Load.abbreviate(o.aborted).replace("`", "'") + "`");
        }
        Markdown.Table t = md.table(withCatchUp(Markdown.loadHeaders("run")));
        o.warmUp.forEach(r -> t.load(r, new Object[] {r.name() + " (not a measurement)"}, catchUpCell(o, r)));
        for (int i = 0; i < o.baselines.size(); i++) {
            Result r = o.baselines.get(i);
            t.load(r, new Object[] {"baseline: " + r.name()}, catchUpCell(o, r));
        }
        if (o.oneClient != null) {
            t.load(o.oneClient, new Object[] {"orders, " + OrdersThroughput.SKUS + " skus"}, catchUpCell(o,
                    o.oneClient));
        }
        if (o.sustained != null) {
            t.load(o.sustained, new Object[] {"**orders, " + OrdersThroughput.SKUS + " skus (sustained)**"},
                    catchUpCell(o, o.sustained));
        }
        if (o.hot != null) {
            t.load(o.hot, new Object[] {f("orders, one hot sku (stock %d)", o.hotStock)}, catchUpCell(o, o.hot));
        }
        o.kpis.forEach(r -> t.load(r, new Object[] {"KPI document of the day: " + r.name()}, catchUpCell(o, r)));
        t.end();

        md.table("check", "result").leftAligned()
                .row("sustained run: answers by status", o.sustainedStatuses.isEmpty() ? "–"
                        : o.sustainedStatuses.toString())
                .row("sustained run: orders read back (`GET /api/orders/{orderId}?minPosition=<its "
                                + "X-Event-Position>`; ALLOCATED, the line's unit allocated)",
                        f("%d read, %d wrong%s", o.readBack, o.readBackWrong, o.readBackFirstWrong == null ? ""
                                : ": " + o.readBackFirstWrong))
                .row(f("hot sku: answers by status (%d orders answered for %d units)", o.hotAccepted, o.hotStock),
                        o.hotStatuses.isEmpty() ? "–" : o.hotStatuses.toString())
                .row("hot sku: inventory at the run's head (on hand / reserved / available)",
                        f("%d / %d / %d", o.hotOnHand, o.hotReserved, o.hotAvailable))
                .row("hot sku: orders read model (ALLOCATED / BACKORDERED) and the backorder queue",
                        f("%d / %d; %d queued", o.hotAllocatedOrders, o.hotBackorderedOrders, o.hotQueued))
                .row("hot sku: never a unit promised twice", o.hotVerdict == null ? "–" : o.hotVerdict)
                .row("at the end: each sku's reserved units = its orders answered 201", o.reservedVerdict == null
                        ? "–" : o.reservedVerdict)
                .row("order requests that failed (not 201, all parts of (i))", o.orderErrors)
                .end();

        if (o.openLoop != null) {
            Load.OpenLoop open = o.openLoop;
            Result r = open.result();
            md.paragraph(f("**Open loop at half the sustained rate.** Orders are sent at a fixed rate (%.1f /s, half "
                    + "the sustained run's %.1f /s), each at its due time whatever the earlier ones' answers, by up "
                    + "to %d harness threads. *answer ms* runs from the due time to the answer (waiting for a free "
                    + "thread included, so a slow server cannot hide queueing: no coordinated omission); *service "
                    + "ms* from the actual send.", open.rate(), o.sustained.perSecond(), open.threads()));
            md.table("target /s", "achieved /s", "orders", "errors", "answer p50 ms", "answer p95 ms",
                            "answer p99 ms", "answer max ms", "service p50 ms", "service p99 ms", "server CPU ms/op",
                            "server cores", "harness / other cores", "projections caught up ms")
                    .row(f("%.1f", open.rate()), f("%.1f", r.perSecond()), r.ops() + (r.capped() ? " (time cap)"
                                    : ""), r.errors(), ms(r.percentileMillis(50)), ms(r.percentileMillis(95)),
                            ms(r.percentileMillis(99)), ms(r.maxMillis()), ms(open.serviceMillis(50)),
                            ms(open.serviceMillis(99)), f("%.2f", r.serverCpuMillisPerOp()),
                            f("%.2f", r.cpu().serverCores()), f("%.2f / %.2f", r.cpu().harnessCores(),
                                    r.cpu().otherCores()), catchUpCell(o, r)[0])
                    .end();
        }

        if (o.streams != null) {
            OrdersThroughput.StreamFigures st = o.streams;
            Result r = st.orders();
            md.paragraph(f("**Live order stream (issue 11).** %d SSE clients (as `%s`) follow "
                    + "`/api/streams/orders?channel=%s` while that channel's orders come at %.1f /s (open loop, half "
                    + "the sustained rate). *delivery*: for each client and each order answered 201, ms from the "
                    + "answer to the event showing the state the answer promised (0 when it came first): the order's last change at "
                    + "or before the answer's `X-Event-Position` (which also covers the processes' events), or the "
                    + "first after it when batched with later events; *missing*: pairs that never saw it.", st.clients(),
                    OrdersThroughput.STREAM_USER, OrdersThroughput.STREAM_CHANNEL, st.rate()));
            md.table("clients connected", "closed early", "orders", "errors", "deliveries", "missing",
                            "delivery p50 ms", "delivery p99 ms", "delivery max ms", "answer p99 ms",
                            "server RSS MiB before / with the clients")
                    .row(st.connected() + " of " + st.clients(), st.closedEarly(), r.ops(), r.errors(),
                            st.delaysMillis().length, st.missing(), ms(st.percentile(50)), ms(st.percentile(99)),
                            ms(st.percentile(100)), ms(r.percentileMillis(99)),
                            f("%d / %d", st.rssBeforeMiB(), st.rssWithMiB()))
                    .end();
        }

        List<OrdersThroughput.Lag> lags = new ArrayList<>(o.stops);
        for (Result r : new Result[] {o.oneClient, o.hot, o.openLoop == null ? null : o.openLoop.result()}) {
            if (r != null && o.lagOf.get(r) != null) {
                lags.add(o.lagOf.get(r));
            }
        }
        if (!lags.isEmpty()) {
            md.paragraph(f("**Projection lag when the writers stop.** When the last client of a run has its "
                    + "answer, one query per read model with `?minPosition=<the highest X-Event-Position of the "
                    + "run>`, all at once, each asked again on 503; ms from the last answer to each 200. The server "
                    + "checks the processors' positions every 10 ms, and each figure includes one query's round "
                    + "trip (a few ms). *stops*: the end of the sustained run and of %d bursts of %d clients after "
                    + "it (up to %d orders or %d s each); the other rows are other runs' ends.",
                    OrdersThroughput.STOPS, OrdersThroughput.CLIENTS, options.n(OrdersThroughput.STOP_ORDERS),
                    OrdersThroughput.STOP_CAP.toSeconds()));
            String[] headers = new String[OrdersThroughput.READ_MODELS.size() + 3];
            headers[0] = "stop";
            headers[1] = "position";
            headers[2] = "all read models ms";
            for (int i = 0; i < OrdersThroughput.READ_MODELS.size(); i++) {
                headers[i + 3] = OrdersThroughput.READ_MODELS.get(i);
            }
            Markdown.Table l = md.table(headers);
            for (OrdersThroughput.Lag lag : lags) {
                if (lag == null) {
                    continue;
                }
                Object[] cells = new Object[headers.length];
                cells[0] = lag.label();
                cells[1] = lag.head();
                cells[2] = lag.total() < 0 ? "not in " + OrdersThroughput.LAG_PATIENCE.toMinutes() + " min"
                        : lag.total();
                for (int i = 0; i < OrdersThroughput.READ_MODELS.size(); i++) {
                    Long millis = lag.millis().get(OrdersThroughput.READ_MODELS.get(i));
                    cells[i + 3] = millis == null ? "–" : millis < 0 ? "no" : millis;
                }
                l.row(cells);
            }
            l.end();
            md.paragraph(lagSummary(o));
        }

        md.paragraph("**Baselines of the same run.** Over HTTP: the moves and receipts rows above (*baseline:*), "
                + "on this server right before the orders. Raw stores: the server's own H2 and mongo-java-server "
                + "versions and settings alone (`RawBaselines`, a child JVM on the boot jar's classpath, on a "
                + "temporary directory, while the server idles; each loop runs untimed first). *CPU ms/op* is the "
                + "child JVM's CPU per operation (for MongoDB, driver and server together).");
        Markdown.Table raw = md.table("baseline", "threads", "ops", "ops/s", "p50 ms", "p99 ms", "max ms",
                "CPU ms/op");
        for (OrdersThroughput.Raw r : o.raw) {
            raw.row(OrdersThroughput.describe(r.key()), r.threads(), r.ops(), f("%.0f", r.perSecond()),
                    f("%.3f", r.p50() / 1e6), f("%.3f", r.p99() / 1e6), f("%.2f", r.max() / 1e6),
                    f("%.3f", r.cpuMillisPerOp()));
        }
        raw.end();
        if (o.rawProblem != null) {
            md.paragraph("Raw baselines: " + Load.abbreviate(o.rawProblem).replace("`", "'"));
        }
        if (!o.files.isEmpty()) {
            Markdown.Table files = md.table("file", "MiB", "written", "KiB each");
            o.files.forEach((name, sizeAndCount) -> {
                long bytes = sizeAndCount[0];
                long count = sizeAndCount[1];
                String what = switch (name) {
                    case "raw h2" -> "raw H2 baseline's `eventstore.mv.db`, closed";
                    case "raw mongo" -> "raw mongo-java-server baseline's `readmodels.mv`, closed";
                    default -> name.endsWith(OrdersThroughput.SOAK_FILES) ? "the server's `" + name.substring(0,
                            name.length() - OrdersThroughput.SOAK_FILES.length()) + "` after the soak"
                            : "the server's `" + name + "` at the end of (i)";
                };
                String written = switch (name) {
                    case "raw h2" -> count + " rows, a commit each";
                    case "raw mongo" -> count + " documents";
                    default -> "event position " + count;
                };
                files.row(what, f("%.1f", bytes / 1048576.0), written, count == 0 ? "–"
                        : f("%.1f", bytes / 1024.0 / count));
            });
            files.end();
        }
        List<String> ratios = ratios(o);
        if (!ratios.isEmpty()) {
            md.bullets(ratios);
        }
        soak(md, o.soak);
        if (o.replays != null && !o.replays.isEmpty()) {
            md.paragraph(f("**Replays (issue 12).** After the soak, on the same server, every read model rebuilt from "
                    + "the first event, one at a time (`POST /api/admin/projections/{name}/replay`, then its status "
                    + "until it is no longer REPLAYING), over the %,d events (i) and the soak left: the orders, "
                    + "stock, shipment and task events of real use. Events/s over the whole store; the server's CPU "
                    + "over the same time.", o.replays.get(0).events()));
            Replays.table(md, o.replays);
        }
        ReplayRun.Facts r = replays;
        if (r != null) {
            Fulfilment.Done d = r.fulfilled();
            md.paragraph(f("**Replays at %,d events (issue 12).** Then, on a server of its own: (i)'s data directory "
                    + "copied, its orders given their warehouse side through the API (`Fulfilment`: %d tasks "
                    + "picked, %d shipments packed and shipped, %d orders delivered, %d returned), its event store "
                    + "grown to %,d events by `raw.Clones` in %.0f s (copies of those real "
                    + "events, each copy's orders, shipments, tasks, returns, receipts and skus renamed; the "
                    + "warehouses shared), started, every read model past the copies %s, then every read model "
                    + "rebuilt from the first event, one at a time, as above.", r.events(), d.picked(), d.shipped(),
                    d.delivered(), d.returned(), r.events(), r.cloneMillis() / 1000.0, r.catchUpMillis() < 0 ? "**not within the patience**"
                            : f("%.0f s after the start (the catch-up: all of them at once)",
                            r.catchUpMillis() / 1000.0)));
            if (!r.replays().isEmpty()) {
                Replays.table(md, r.replays());
            }
        }
    }

    private static void soak(Markdown md, OrdersThroughput.Soak soak) {
        if (soak == null) {
            return;
        }
        Result r = soak.load().result();
        md.paragraph(f("**Soak: memory at half the sustained rate.** After the parts above, orders at %.1f /s (open "
                        + "loop) for %d min: %d answered (%d errors, %.1f /s achieved, answer p99 %s ms); the server's "
                        + "RSS every %d s: %d MiB at the end, at most %d MiB, %+.1f MiB/min over the second half "
                        + "(least squares; flat is about 0). Samples (s: MiB): %s.", soak.rate(), soak.minutes(),
                r.ops(), r.errors(), r.perSecond(), ms(r.percentileMillis(99)),
                OrdersThroughput.SOAK_SAMPLE.toSeconds(), soak.lastMiB(), soak.maxMiB(), soak.slopeMiBPerMinute(),
                String.join(", ", soak.rss().stream().map(sample -> sample[0] + ": " + sample[1]).toList())));
    }

    /** (i) on the pre-loaded history, figure by figure against (i) on the empty store. */
    private void history(Markdown md) {
        HistoryRun.Facts h = history;
        if (h == null) {
            return;
        }
        md.heading(3, f("(i) with %,d events already in the store", h.events()));
        md.paragraph(f("A server of its own on a data directory of its own: started once empty (the schema) and "
                        + "stopped; %,d events pre-loaded straight into its event store by `raw.History` in %s s "
                        + "(event store then %s MiB): rows of the shape, size and keys of stock movements, on %,d "
                        + "aggregates, dated over the past year, of a payload type no handler knows, so that the read "
                        + "models step over them; then started (healthy after %s ms; the read-model processors pass "
                        + "the history once on this start), (i)'s set-up run, and every read model past it %s ms "
                        + "after that start; then stopped and started again, every processor at the head as in "
                        + "production: **healthy after %s ms**. (i) then ran there without its set-up; the table "
                        + "compares it with (i) on the empty store above.%s", h.events(),
                h.loadMillis() < 0 ? "–" : f("%.1f", h.loadMillis() / 1000.0),
                h.storeBytes() < 0 ? "–" : String.valueOf(h.storeBytes() >> 20),
                com.shipjoy.bench.raw.History.AGGREGATES,
                h.firstStart() == null ? "–" : String.valueOf(h.firstStart().healthyMillis()),
                h.catchUpMillis() < 0 ? "–" : String.valueOf(h.catchUpMillis()),
                h.restart() == null ? "–" : String.valueOf(h.restart().healthyMillis()),
                h.problem() == null ? "" : " **Broke off:** `" + Load.abbreviate(h.problem()).replace("`", "'")
                        + "`"));
        OrdersThroughput.Results empty = orders;
        OrdersThroughput.Results full = ordersWithHistory;
        if (empty == null || full == null) {
            return;
        }
        Markdown.Table t = md.table("figure", "empty store", f("%,d events", h.events()), "change");
        for (Comparison c : comparisons(empty, full)) {
            t.row(c.name(), f("%.1f", c.empty()), f("%.1f", c.full()), f("%+.0f %%", c.changePercent()));
        }
        t.end();
        md.table("check (on the history)", "result").leftAligned()
                .row("sustained run: orders read back, wrong", f("%d read, %d wrong", full.readBack,
                        full.readBackWrong))
                .row("hot sku: never a unit promised twice", full.hotVerdict == null ? "–" : full.hotVerdict)
                .row("at the end: each sku's reserved units = its orders answered 201", full.reservedVerdict == null
                        ? "–" : full.reservedVerdict)
                .row("order requests that failed", full.orderErrors)
                .end();
    }

    /** One figure of (i) on the empty store and on the history; higher is better unless {@code lowerIsBetter}. */
    record Comparison(String name, double empty, double full, boolean lowerIsBetter) {

        double changePercent() {
            return 100 * (full - empty) / empty;
        }

        /** How much worse the history made it, in percent (negative: better). */
        double worsePercent() {
            return lowerIsBetter ? changePercent() : -changePercent();
        }
    }

    /** The (up to three) figures the history made worse, the worst first. */
    private static String worse(List<Comparison> comparisons) {
        String worse = comparisons.stream().filter(c -> c.worsePercent() > 0)
                .sorted(java.util.Comparator.comparingDouble(Comparison::worsePercent).reversed()).limit(3)
                .map(c -> f("%s %+.0f %%", c.name(), c.changePercent()))
                .collect(java.util.stream.Collectors.joining("; "));
        return worse.isEmpty() ? "none" : worse;
    }

    static List<Comparison> comparisons(OrdersThroughput.Results empty, OrdersThroughput.Results full) {
        List<Comparison> list = new ArrayList<>();
        if (empty.sustained != null && full.sustained != null) {
            list.add(new Comparison("orders/s (16 clients)", empty.sustained.perSecond(), full.sustained.perSecond(),
                    false));
            list.add(new Comparison("server CPU ms per order", empty.sustained.serverCpuMillisPerOp(),
                    full.sustained.serverCpuMillisPerOp(), true));
        }
        for (String kind : List.of("moves", "receipts")) {
            Result a = baseline(empty, kind, OrdersThroughput.CLIENTS);
            Result b = baseline(full, kind, OrdersThroughput.CLIENTS);
            if (a != null && b != null) {
                list.add(new Comparison(kind + "/s (16 clients)", a.perSecond(), b.perSecond(), false));
            }
        }
        if (empty.hot != null && full.hot != null) {
            list.add(new Comparison("one hot sku: orders/s", empty.hot.perSecond(), full.hot.perSecond(), false));
        }
        if (empty.openLoop != null && full.openLoop != null) {
            list.add(new Comparison("open loop at half the rate: p99 ms", empty.openLoop.result().percentileMillis(99),
                    full.openLoop.result().percentileMillis(99), true));
        }
        long lagEmpty = lagMax(empty);
        long lagFull = lagMax(full);
        if (lagEmpty > 0 && lagFull > 0) {
            list.add(new Comparison("projection lag at a stop, largest ms", lagEmpty, lagFull, true));
        }
        return list;
    }

    private static Object[] catchUpCell(OrdersThroughput.Results o, Result r) {
        OrdersThroughput.Lag lag = o.lagOf.get(r);
        return new Object[] {lag == null ? "–" : lag.total() < 0 ? "not in 2 min" : String.valueOf(lag.total())};
    }

    /** The stops' lag: median and the largest (the p99 of fewer than 100 stops is their maximum). */
    private static String lagSummary(OrdersThroughput.Results o) {
        List<Long> totals = o.stops.stream().filter(java.util.Objects::nonNull)
                .map(OrdersThroughput.Lag::total).sorted().toList();
        if (totals.isEmpty()) {
            return "";
        }
        if (totals.get(0) < 0) {
            return "Some read model did not catch up at a stop.";
        }
        return f("Over the %d stops: median %d ms, largest %d ms (the p99 of fewer than 100 stops is the largest).",
                totals.size(), totals.get(totals.size() / 2), totals.get(totals.size() - 1));
    }

    private static long lagMax(OrdersThroughput.Results o) {
        long max = Long.MIN_VALUE;
        for (OrdersThroughput.Lag lag : o.stops) {
            if (lag == null || lag.total() < 0) {
                return -1;
            }
            max = Math.max(max, lag.total());
        }
        return max == Long.MIN_VALUE ? -1 : max;
    }

    private static OrdersThroughput.Raw raw(OrdersThroughput.Results o, String key) {
        return o.raw.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    private static Result baseline(OrdersThroughput.Results o, String prefix, int clients) {
        return o.baselines.stream().filter(r -> r.name().startsWith(prefix) && r.clients() == clients).findFirst()
                .orElse(null);
    }

    /** The orders' figures against the baselines of the same run. */
    private static List<String> ratios(OrdersThroughput.Results o) {
        List<String> lines = new ArrayList<>();
        Result sustained = o.sustained;
        Result moveOne = baseline(o, "moves", 1);
        Result moves = baseline(o, "moves", OrdersThroughput.CLIENTS);
        OrdersThroughput.Raw h2 = raw(o, "h2-append-1");
        OrdersThroughput.Raw mongo = raw(o, "mongo-upsert-1");
        if (sustained == null || sustained.ops() == 0) {
            return lines;
        }
        if (moves != null && moveOne != null) {
            lines.add(f("Orders at %d clients: %.1f /s, %.0f %% of the moves at %d clients (%.1f /s) and %.0f %% of "
                            + "one client's moves (%.1f /s); %.1f ms of server CPU per order against %.1f ms per move.",
                    sustained.clients(), sustained.perSecond(), 100 * sustained.perSecond() / moves.perSecond(),
                    moves.clients(), moves.perSecond(), 100 * sustained.perSecond() / moveOne.perSecond(),
                    moveOne.perSecond(), sustained.serverCpuMillisPerOp(), moves.serverCpuMillisPerOp()));
        }
        if (h2 != null && mongo != null) {
            lines.add(f("The raw stores alone: H2 appends and commits %.0f events/s on one thread (%.3f ms CPU each), "
                            + "mongo-java-server takes %.0f single upserts/s; an order costs %.0f× the CPU of a raw "
                            + "append and a move %.0f×.", h2.perSecond(), h2.cpuMillisPerOp(), mongo.perSecond(),
                    sustained.serverCpuMillisPerOp() / h2.cpuMillisPerOp(), moves == null ? Double.NaN
                            : moves.serverCpuMillisPerOp() / h2.cpuMillisPerOp()));
        }
        return lines;
    }

    // ---------------------------------------------------------------------------------------------- summary

    static final String SUMMARY_BEGIN = "<!-- BEGIN GENERATED SUMMARY: rewritten by every full run of the harness "
            + "(the \"before\" column is carried over); edit outside -->";
    static final String SUMMARY_END = "<!-- END GENERATED SUMMARY -->";

    /** The targets of issue 9 and where this run stands; {@code before}: the figures kept from the block replaced. */
    String summary(Map<String, String> before) {
        if (options.hangUpsOnly()) {
            return "";
        }
        OrdersThroughput.Results o = orders;
        Result moves = o == null ? null : baseline(o, "moves", OrdersThroughput.CLIENTS);
        Result receiptsRun = o == null ? null : baseline(o, "receipts", OrdersThroughput.CLIENTS);
        if (moves == null && this.moves.size() == Benchmarks.CLIENTS.length) {
            moves = this.moves.get(this.moves.size() - 1);
        }
        if (receiptsRun == null && receipts.size() == Benchmarks.CLIENTS.length) {
            receiptsRun = receipts.get(receipts.size() - 1);
        }
        Map<String, String[]> rows = new LinkedHashMap<>();
        rows.put("orders placed/s over HTTP (16 clients, 64 skus, one line; allocation, release, every projection)",
                new String[] {"≥ 1,000", o == null || o.sustained == null ? "—" : f("%.1f /s (p50 %s ms; %.0f ms "
                        + "server CPU/order)", o.sustained.perSecond(), ms(o.sustained.percentileMillis(50)),
                        o.sustained.serverCpuMillisPerOp())});
        rows.put("single-event commands/s (moves, 16 clients)", new String[] {"≥ 2,000", moves == null ? "—"
                : f("%.1f /s", moves.perSecond())});
        rows.put("receipts/s (16 clients)", new String[] {"≥ 1,000", receiptsRun == null ? "—"
                : f("%.1f /s", receiptsRun.perSecond())});
        rows.put("one hot sku: orders/s, never a unit promised twice", new String[] {"≥ 500",
                o == null || o.hot == null ? "—" : f("%.1f /s (%s)", o.hot.perSecond(), o.hotOk
                        ? "no unit promised twice" : "**CHECK FAILED**")});
        rows.put("order placement p99 at half the sustained rate (open loop)", new String[] {"≤ 50 ms",
                o == null || o.openLoop == null ? "—" : f("%s ms at %.1f /s", ms(o.openLoop.result()
                        .percentileMillis(99)), o.openLoop.rate())});
        long lag = o == null ? -1 : lagMax(o);
        rows.put("projection lag when writers stop (p99)", new String[] {"≤ 100 ms", o == null || o.stops.isEmpty()
                ? "—" : lag < 0 ? "not caught up" : f("%d ms (largest of %d stops)", lag, o.stops.size())});
        List<Comparison> comparisons = o == null || ordersWithHistory == null ? List.of()
                : comparisons(o, ordersWithHistory);
        rows.put("the figures above with 1,000,000 events already in the store", new String[] {
                "within 10 % of an empty store", comparisons.isEmpty() ? "—" : f("%s events; worse than empty: %s",
                        history == null ? "?" : f("%,d", history.events()), worse(comparisons))});
        ServerProcess.Startup start = coldStart != null ? coldStart : o == null ? null : o.startup;
        ServerProcess.Startup loaded = history == null ? null : history.restart();
        rows.put("start-up to healthy (empty data directory / with 1,000,000 events)", new String[] {
                "≤ 10 s / ≤ 15 s", start == null && loaded == null ? "—" : f("%s / %s", start == null ? "—"
                        : f("%.1f s", start.healthyMillis() / 1000.0), loaded == null ? "—"
                        : f("%.1f s (%,d events)", loaded.healthyMillis() / 1000.0, history.events()))});
        Replays.Replay slowest = replays == null ? null : replays.replays().stream()
                .min(java.util.Comparator.comparingDouble(Replays.Replay::perSecond)).orElse(null);
        rows.put("replay of every read model at 1,000,000 events (slowest)", new String[] {"≥ 25,000 events/s",
                slowest == null ? "—" : f("%,.0f events/s (%s, over %,d events)", slowest.perSecond(),
                        slowest.name(), slowest.events())});
        OrdersThroughput.Soak soak = o == null ? null : o.soak;
        rows.put("RSS after 10 minutes at half the sustained rate", new String[] {"≤ 1 GiB and flat", soak == null
                ? "—" : f("%d MiB after %d min (at most %d), %+.1f MiB/min over the second half", soak.lastMiB(),
                soak.minutes(), soak.maxMiB(), soak.slopeMiBPerMinute())});
        Markdown md = new Markdown();
        md.paragraph(f("**Issue 9's targets** (2 cores, embedded default, the README's start command), from the "
                        + "harness run of %s%s%s (load average before %s; %s). *before*: the first run's figure, "
                        + "carried over by every run (replace it with — to take the next run's).", instant(started),
                options.ordersOnly() ? " of (i) alone (`--orders-throughput`)" : "", options.quick()
                        ? " with --quick (counts ÷10: a smoke test, not a measurement)" : "", loadBefore,
                options.ordersOnly() ? "its details were printed with it" : "details in the generated block below"));
        Markdown.Table t = md.table("metric", "target", "now", "before");
        rows.forEach((metric, cells) -> {
            String kept = before.get(metric);
            t.row(metric, cells[0], cells[1], kept == null || kept.isBlank() || kept.equals("—") ? cells[1] : kept);
        });
        t.end();
        if (comparisons.isEmpty() || soak == null) {
            md.paragraph("*—*: not measured by this run (`--orders-throughput` measures the history with `--history` "
                    + "and the memory with `--soak`; the full run does both).");
        }
        return md.toString();
    }

    /** The *before* cells of the summary block in {@code file}, by metric (empty if there is none). */
    static Map<String, String> previousBefore(Path file) {
        Map<String, String> before = new java.util.HashMap<>();
        try {
            if (!Files.exists(file)) {
                return before;
            }
            String text = Files.readString(file);
            int from = text.indexOf(SUMMARY_BEGIN);
            int to = text.indexOf(SUMMARY_END);
            if (from < 0 || to < from) {
                return before;
            }
            for (String line : text.substring(from, to).lines().toList()) {
                String[] cells = line.split("(?<!\\\\)\\|", -1);
                if (cells.length == 6 && !cells[1].isBlank() && !cells[1].strip().equals("metric")
                        && !cells[1].strip().startsWith("---")) {
                    before.put(cells[1].strip(), cells[4].strip().replace("\\|", "|"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No before column then: this run's figures are taken.
        }
        return before;
    }

    /** Replaces the block between these markers, or puts one right after the file's first heading. */
    static void writeAtTop(Path file, String generated, String begin, String end) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            if (!existing.contains(begin)) {
                int firstBreak = existing.indexOf("\n\n");
                String head = firstBreak < 0 ? existing : existing.substring(0, firstBreak + 2);
                String rest = firstBreak < 0 ? "" : existing.substring(firstBreak + 2);
                Files.writeString(file, head + begin + "\n\n" + end + "\n\n" + rest);
            }
        }
        write(file, generated, begin, end);
    }

    private static String yesNo(AbandonedRequests.Check check) {
        return check.ok() ? "yes" : check.wrote() ? "yes, but the audit failed" : "**NO**";
    }

    private List<Result> all() {
        List<Result> all = new ArrayList<>();
        all.addAll(warmUp);
        all.addAll(receipts);
        all.addAll(moves);
        all.addAll(hotMoves);
        // Under load, per-operation figures would charge the background writers' work to the probe: left out.
        ryw.stream().filter(r -> r.name().endsWith("idle")).forEach(all::add);
        all.addAll(queries);
        if (snapshot != null) {
            all.add(snapshot);
        }
        if (orders != null) {
            all.addAll(orders.warmUp);
            all.addAll(orders.baselines);
            for (Result r : new Result[] {orders.oneClient, orders.sustained, orders.hot,
                    orders.openLoop == null ? null : orders.openLoop.result()}) {
                if (r != null) {
                    all.add(r);
                }
            }
        }
        return all;
    }

    private void pool(Markdown md) {
        md.heading(3, "JDBC connections (event store, token store, catalog)");
        md.paragraph(f("From the server's own HikariCP metrics (`/actuator/prometheus`, read as `admin` before and after "
                + "each scenario; pool size %.0f, Boot's default). *wait* is the mean time a thread waited to get a "
                + "connection, *held* the mean time it kept one. Every command holds a connection from the start of "
                + "its unit of work to its end, including any time it waits for the append lock.", poolSize));
        Markdown.Table t = md.table("scenario", "clients", "connections taken per op", "wait ms (mean)",
                "held ms (mean)", "timeouts");
        for (Result r : all()) {
            if (r.pool() == null || Double.isNaN(r.pool().acquisitions())) {
                continue;
            }
            t.row(r.name(), r.clients(), f("%.1f", r.pool().acquisitions() / Math.max(1, r.ops())),
                    ms(r.pool().meanAcquireMillis()), ms(r.pool().meanUsageMillis()),
                    f("%.0f", r.pool().timeouts()));
        }
        t.end();
    }

    private void threadCpu(Markdown md) {
        md.heading(3, "Server CPU per operation, by thread group");
        md.paragraph("Milliseconds of server CPU per operation, from the per-thread CPU times of a thread dump before "
                + "and after each scenario. *HTTP*: Netty event loops (HTTP, authentication, JSON, validation). "
                + "*handlers*: boundedElastic threads (command handling: Axon, aggregates, event-store appends and "
                + "H2 commits; query reads). *posting*: the receipt-posting tracking processor. *allocation*: the "
                + "order-allocation tracking processor (one thread: reservations, backorders, releases). *reader*: "
                + "the embedded event store's producer, which reads new events from H2 for the tracking processors. "
                + "*inventory*, *ledger*: the projections (MongoDB driver side); *order RMs*: the orders, "
                + "order-history, backorders, tasks, shipments and labor projections. *mongo*: the in-process "
                + "mongo-java-server. *polling*: Reactor's parallel threads (the 10 ms `minPosition` and "
                + "settle checks). *JIT*, *GC*: compiler and GC/VM threads. *total*: the process, including threads "
                + "that ended. For (i)'s order rows the CPU is counted until the read models had caught up after the "
                + "last answer (the lag), so it includes the projections' backlog.");
        List<String> groups = ServerProcess.CPU_GROUPS;
        String[] headers = new String[groups.size() + 2];
        headers[0] = "scenario";
        for (int i = 0; i < groups.size(); i++) {
            headers[i + 1] = groups.get(i);
        }
        headers[headers.length - 1] = "total";
        Markdown.Table t = md.table(headers);
        for (Result r : all()) {
            Object[] cells = new Object[headers.length];
            cells[0] = r.name() + ", C=" + r.clients();
            for (int i = 0; i < groups.size(); i++) {
                cells[i + 1] = f("%.2f", r.threadCpuMillisPerOp(groups.get(i)));
            }
            cells[headers.length - 1] = f("%.2f", r.serverCpuMillisPerOp());
            t.row(cells);
        }
        t.end();
    }

    private void profile(Markdown md, ThreadSampler.Profile profile, String what, String unit) {
        md.heading(3, "Where the time goes: thread samples under load (" + what + ")");
        Result load = profile.load();
        md.paragraph(f("%d thread dumps (`Thread.print -l` via %s, %.0f ms each) taken every ~100 ms while %d "
                        + "clients %s (%.1f %s, p50 %s ms, p99 %s ms during sampling; the dumps "
                        + "slow the server down a little). Each thread of a group is put in the first matching "
                        + "category; *average threads* is how many of the group were in that category at any moment. "
                        + "The append lock is recognised by its address (what threads inside "
                        + "`OrderedAppends.appendEvents` are parked on) and its holder by the ownable synchronizers "
                        + "the dump lists. Waiting states are reliable; what a running thread was doing is "
                        + "safepoint-biased (dumps catch threads at safepoints or in native calls), so read the "
                        + "*holds the append lock: …* rows as rough.", profile.samples(),
                profile.attachApi() ? "the attach API" : "jcmd", profile.dumpMillis(), load.clients(), what,
                load.perSecond(), unit, ms(load.percentileMillis(50)), ms(load.percentileMillis(99))));
        for (Map.Entry<String, Map<String, Integer>> group : profile.groups().entrySet()) {
            Markdown.Table t = md.table(group.getKey(), "share of samples", "average threads");
            group.getValue().entrySet().stream()
                    .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                    .forEach(e -> t.row(e.getKey(), f("%.1f %%", profile.percent(group.getKey(), e.getKey())),
                            f("%.2f", profile.average(group.getKey(), e.getKey()))));
            t.end();
        }
    }

    /** Figures computed from the tables above, so they stay true when the numbers change. */
    private void derived(Markdown md) {
        List<String> lines = new ArrayList<>();
        if (receipts.size() == Benchmarks.CLIENTS.length) {
            Result one = receipts.get(0);
            Result most = receipts.get(receipts.size() - 1);
            lines.add(f("Receipts: %d clients reach %.2f× the throughput of 1 client (%.1f vs %.1f /s) while the "
                            + "median latency grows %.1f× (%s → %s ms).", most.clients(),
                    most.perSecond() / one.perSecond(), most.perSecond(), one.perSecond(),
                    most.percentileMillis(50) / one.percentileMillis(50), ms(one.percentileMillis(50)),
                    ms(most.percentileMillis(50))));
            lines.add(f("Server CPU per receipt: %.1f ms at 1 client (%.1f ms of it JIT compilation), %.1f ms at %d "
                            + "clients (%.1f ms JIT). The server used %.2f and %.2f cores of 2; the harness %.2f and "
                            + "other processes %.2f cores at %d clients.", one.serverCpuMillisPerOp(),
                    one.threadCpuMillisPerOp("JIT"), most.serverCpuMillisPerOp(), most.clients(),
                    most.threadCpuMillisPerOp("JIT"), one.cpu().serverCores(), most.cpu().serverCores(),
                    most.cpu().harnessCores(), most.cpu().otherCores(), most.clients()));
            lines.add(f("CPU sets the ceiling: at %d clients the server was busy %.2f cores at %.1f ms of CPU per "
                            + "receipt, i.e. at most %.0f receipts/s; measured %.1f /s.", most.clients(),
                    most.cpu().serverCores(), most.serverCpuMillisPerOp(),
                    most.cpu().serverCores() * 1000 / most.serverCpuMillisPerOp(), most.perSecond()));
            Long first = catchUp.get(one);
            Long last = catchUp.get(most);
            if (first != null && last != null) {
                lines.add(f("Projection backlog when the receipts stop: %d ms at 1 client, %d ms at %d clients.",
                        first, last, most.clients()));
            }
            if (most.pool() != null && one.pool() != null) {
                lines.add(f("JDBC connections: a receipt takes %.1f connections; the mean wait for one is %s ms at 1 "
                                + "client and %s ms at %d clients, and a connection is held %s → %s ms on average.",
                        most.pool().acquisitions() / Math.max(1, most.ops()), ms(one.pool().meanAcquireMillis()),
                        ms(most.pool().meanAcquireMillis()), most.clients(), ms(one.pool().meanUsageMillis()),
                        ms(most.pool().meanUsageMillis())));
            }
        }
        if (moves.size() == Benchmarks.CLIENTS.length) {
            Result one = moves.get(0);
            Result most = moves.get(moves.size() - 1);
            lines.add(f("Moves: %.1f /s at 1 client, %.1f /s at %d clients (%.2f×); p50 %s → %s ms.", one.perSecond(),
                    most.perSecond(), most.clients(), most.perSecond() / one.perSecond(),
                    ms(one.percentileMillis(50)), ms(most.percentileMillis(50))));
        }
        if (ryw.size() == 2) {
            lines.add(f("Read-your-writes: p50 %s ms (p99 %s ms) with nothing else running, %s ms (p99 %s ms) while "
                            + "4 clients send receipts. A plain read right after the command's answer missed the "
                            + "write %d of %d times idle and %d of %d times under load.",
                    ms(ryw.get(0).percentileMillis(50)), ms(ryw.get(0).percentileMillis(99)),
                    ms(ryw.get(1).percentileMillis(50)), ms(ryw.get(1).percentileMillis(99)), rywStale.get(0),
                    rywImmediate.get(0).ops() - rywImmediate.get(0).errors(), rywStale.get(1),
                    rywImmediate.get(1).ops() - rywImmediate.get(1).errors()));
        }
        if (profile != null) {
            String requests = profile.groups().keySet().stream().filter(g -> g.startsWith("request")).findFirst()
                    .orElse(null);
            if (requests != null) {
                lines.add(f("Under %d receipt clients, on average %.1f request threads were parked on the append "
                                + "lock and %.1f waited for a JDBC connection (%.0f %% and %.0f %% of request-thread "
                                + "samples).", profile.load().clients(),
                        profile.average(requests, ThreadSampler.APPEND_LOCK),
                        profile.average(requests, ThreadSampler.CONNECTION),
                        profile.percent(requests, ThreadSampler.APPEND_LOCK),
                        profile.percent(requests, ThreadSampler.CONNECTION)));
            }
            profile.groups().keySet().stream().filter(g -> g.startsWith("event-store reader")).findFirst()
                    .ifPresent(reader -> lines.add(f("The event-store reader that feeds every tracking processor "
                                    + "waited for a JDBC connection in %.0f %% of the samples.",
                            profile.percent(reader, ThreadSampler.CONNECTION))));
        }
        if (!lines.isEmpty()) {
            md.heading(3, "Derived figures");
            md.bullets(lines);
        }
    }

    /** Replaces the generated block of {@code file}, keeping everything outside it; creates the file if needed. */
    static void write(Path file, String generated) throws IOException {
        write(file, generated, BEGIN, END);
    }

    /** Replaces the block between these markers (or appends one). */
    static void write(Path file, String generated, String begin, String end) throws IOException {
        String block = begin + "\n\n" + generated.strip() + "\n\n" + end;
        String text;
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            int from = existing.indexOf(begin);
            int to = existing.indexOf(end);
            if (from >= 0 && to > from) {
                text = existing.substring(0, from) + block + existing.substring(to + end.length());
            } else {
                text = existing.stripTrailing() + "\n\n" + block + "\n";
            }
        } else {
            text = "# Benchmarks\n\nRun `java -jar benchmarks/target/shipjoy-benchmarks.jar` (see README).\n\n"
                    + block + "\n";
        }
        Files.writeString(file, text);
    }
}
