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

    Report(Benchmarks.Options options, ZonedDateTime started, String loadBefore) {
        this.options = options;
        this.started = started;
        this.loadBefore = loadBefore;
    }

    String markdown() {
        Markdown md = new Markdown();
        md.heading(2, (options.hangUpsOnly() ? "Scenario (h) alone (--hang-ups): run of " : "Run of ")
                + instant(started)
                + (options.quick() ? " (--quick: a smoke test, counts ÷10, not a measurement)" : ""));
        if (!failures.isEmpty()) {
            md.paragraph("**THIS RUN FAILED** (the harness exited with status 1):");
            md.bullets(failures.stream().map(failure -> "**FAILED:** " + failure).toList());
        }
        machine(md);
        if (options.hangUpsOnly()) {
            hangUps(md);
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
                .row("bounds", options.hangUpsOnly() ? "(h) alone: " + hangUpBounds() : "warm-up "
                        + options.n(Benchmarks.WARM_UP) + " receipts, moves and reads each (4 clients); receipts and "
                        + "moves "
                        + options.n(Benchmarks.RECEIPTS) + " / " + options.n(Benchmarks.MOVES) + " per client count, "
                        + "hot sku " + options.n(Benchmarks.HOT_MOVES) + " per client count, read-your-writes "
                        + options.n(Benchmarks.RYW_IDLE) + " idle and " + options.n(Benchmarks.RYW_LOADED)
                        + " under load; each scenario stops at its count or after " + Benchmarks.CAP.toSeconds()
                        + " s (hot sku " + Benchmarks.HOT_CAP.toSeconds() + " s, queries "
                        + Benchmarks.QUERY_CAP.toSeconds() + " s, (f) " + Benchmarks.SNAPSHOT_CAP.toSeconds()
                        + " s), whichever comes first; (f) " + Benchmarks.SNAPSHOT_SKUS + " × "
                        + Benchmarks.SNAPSHOT_MOVES_PER_SKU + " moves; (h) " + hangUpBounds())
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
        threadCpu(md);
        pool(md);
        if (profile != null) {
            profile(md);
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
                + "H2 commits; query reads). *posting*: the receipt-posting tracking processor. *reader*: the "
                + "embedded event store's producer, which reads new events from H2 for the tracking processors. "
                + "*inventory*, *ledger*: the projections (MongoDB driver side). *mongo*: the in-process "
                + "mongo-java-server. *polling*: Reactor's parallel threads (the 10 ms `minPosition` checks). "
                + "*JIT*, *GC*: compiler and GC/VM threads. *total*: the process, including threads that ended.");
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

    private void profile(Markdown md) {
        md.heading(3, "Where the time goes: thread samples under load");
        Result load = profile.load();
        md.paragraph(f("%d thread dumps (`Thread.print -l` via %s, %.0f ms each) taken every ~100 ms while %d "
                        + "clients sent receipts (%.1f receipts/s, p50 %s ms, p99 %s ms during sampling; the dumps "
                        + "slow the server down a little). Each thread of a group is put in the first matching "
                        + "category; *average threads* is how many of the group were in that category at any moment. "
                        + "The append lock is recognised by its address (what threads inside "
                        + "`OrderedAppends.appendEvents` are parked on) and its holder by the ownable synchronizers "
                        + "the dump lists. Waiting states are reliable; what a running thread was doing is "
                        + "safepoint-biased (dumps catch threads at safepoints or in native calls), so read the "
                        + "*holds the append lock: …* rows as rough.", profile.samples(),
                profile.attachApi() ? "the attach API" : "jcmd", profile.dumpMillis(), load.clients(),
                load.perSecond(), ms(load.percentileMillis(50)), ms(load.percentileMillis(99))));
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
