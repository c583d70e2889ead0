package com.shipjoy.bench;

import com.shipjoy.bench.Load.Result;
import com.shipjoy.bench.Load.Sample;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The benchmark run: starts {@code application/target/shipjoy.jar} in a child JVM on a free loopback port and a
 * fresh temporary data directory, drives it over HTTP with closed-loop clients, and (re)writes the generated part of
 * {@code BENCHMARKS.md}. Every scenario is bounded by an operation count and a time cap.
 *
 * <pre>
 * java -jar benchmarks/target/shipjoy-benchmarks.jar [--quick] [--print] [--out=FILE] [--jar=FILE]
 *      [--server-jvm-flags="-Xmx512m ..."] [--keep-data]
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --hang-ups[=ROUNDS] [--jar=FILE] ...   (only (h), printed)
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --orders-throughput [--quick] [--jar=FILE] ... (only (i), printed)
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --orders[=N] [--orders-data=DIR] [--print] [--jar=FILE] ...
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --kpis[=N] [--print] [--keep-data] [--jar=FILE] ...
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --audit[=N] [--quick] [--jar=FILE] ...   (as-of and the audit)
 * java -jar benchmarks/target/shipjoy-benchmarks.jar --replay-data=DIR [--replays=N] [--replay-models=a,b] ...
 *      (only the replays at N events, default 1,000,000, over copies of a kept data directory's events)
 * </pre>
 * The full run also replays every read model at 1,000,000 events after (i)'s soak ({@link ReplayRun});
 * {@code --orders-throughput --soak=M --replays[=N]} does it for (i) alone.

 */
public final class Benchmarks {

    static final String WAREHOUSE = "warehouse";
    static final String AUDITOR = "auditor";
    static final String WH = "WH1";
    static final int[] CLIENTS = {1, 4, 16};
    static final Duration CAP = Duration.ofSeconds(20);
    static final Duration HOT_CAP = Duration.ofSeconds(40);
    static final Duration QUERY_CAP = Duration.ofSeconds(15);
    static final int LOCATIONS = 20;
    static final int MOVE_POOL = 64;
    static final int LOW_STOCK = 5;
    static final int WARM_UP = 400;
    static final int RECEIPTS = 400;
    static final int MOVES = 400;
    static final int HOT_MOVES = 1000;
    static final int RYW_IDLE = 200;
    static final int RYW_LOADED = 100;
    static final int AUDITS = 3;

    private final Options options;
    private Http http;
    private final ServerProcess server;
    private final AtomicLong head = new AtomicLong();
    private final List<String> skus = new CopyOnWriteArrayList<>();
    private final AtomicInteger receiptSeq = new AtomicInteger();
    private final AtomicInteger skuSeq = new AtomicInteger();

    private final Path work;

    private Benchmarks(Options options, ServerProcess server, Path work) {
        this.options = options;
        this.work = work;
        this.server = server;
        this.http = new Http(server.port());
    }

    /** Command-line settings; the defaults are the documented run. */
    record Options(boolean quick, boolean print, Path out, Path jar, List<String> serverJvmFlags, boolean keepData,
                   boolean profile, int hangUpsAlone, boolean ordersOnly, long historyEvents, int soakMinutes,
                   long replayEvents) {

        /** The full run's history for (i) (see raw.History) and its RSS soak; --orders-throughput asks for them. */
        static final long HISTORY = 1_000_000;
        static final int SOAK_MINUTES = 10;

        static Options parse(String[] args, Path root) {
            boolean quick = false;
            boolean print = false;
            boolean keep = false;
            boolean profile = true;
            int hangUpsAlone = 0;
            boolean ordersOnly = false;
            Long history = null;
            Integer soak = null;
            Long replays = null;
            Path out = root.resolve("BENCHMARKS.md");
            Path jar = root.resolve("application/target/shipjoy.jar");
            List<String> flags = List.of();
            for (String arg : args) {
                if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.equals("--print")) {
                    print = true;
                } else if (arg.equals("--keep-data")) {
                    keep = true;
                } else if (arg.equals("--no-profile")) {
                    profile = false;
                } else if (arg.equals("--hang-ups")) {
                    hangUpsAlone = AbandonedRequests.ROUNDS;
                    print = true;
                } else if (arg.startsWith("--hang-ups=")) {
                    hangUpsAlone = Integer.parseInt(arg.substring("--hang-ups=".length()));
                    if (hangUpsAlone < 1) {
                        throw new IllegalArgumentException("--hang-ups=N needs N >= 1");
                    }
                    print = true;
                } else if (arg.equals("--orders-throughput")) {
                    ordersOnly = true;
                    print = true;
                } else if (arg.equals("--history")) {
                    history = HISTORY;
                } else if (arg.startsWith("--history=")) {
                    history = Long.parseLong(arg.substring("--history=".length()));
                } else if (arg.equals("--replays")) {
                    replays = HISTORY;
                } else if (arg.startsWith("--replays=")) {
                    replays = Long.parseLong(arg.substring("--replays=".length()));
                } else if (arg.equals("--soak")) {
                    soak = SOAK_MINUTES;
                } else if (arg.startsWith("--soak=")) {
                    soak = Integer.parseInt(arg.substring("--soak=".length()));
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(arg.substring("--out=".length()));
                } else if (arg.startsWith("--jar=")) {
                    jar = Path.of(arg.substring("--jar=".length()));
                } else if (arg.startsWith("--server-jvm-flags=")) {
                    String value = arg.substring("--server-jvm-flags=".length()).strip();
                    flags = value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
                } else {
                    throw new IllegalArgumentException("Unknown option " + arg + "; see BENCHMARKS.md");
                }
            }
            if (ordersOnly && hangUpsAlone > 0) {
                throw new IllegalArgumentException("--orders-throughput and --hang-ups each run one scenario alone");
            }
            if ((history != null && history < 0) || (soak != null && soak < 0)) {
                throw new IllegalArgumentException("--history=N and --soak=MINUTES need N, MINUTES >= 0");
            }
            // The full run measures every target; (i) alone only what it is asked for.
            long events = history != null ? history : ordersOnly || hangUpsAlone > 0 ? 0 : HISTORY;
            int minutes = soak != null ? soak : ordersOnly || hangUpsAlone > 0 ? 0 : SOAK_MINUTES;
            // Replays at scale copy (i)'s events after its soak.
            long replayed = minutes == 0 ? 0 : replays != null ? replays : ordersOnly || hangUpsAlone > 0 ? 0
                    : HISTORY;
            return new Options(quick, print, out, jar, flags, keep, profile, hangUpsAlone, ordersOnly,
                    quick ? events / 10 : events, quick ? Math.min(minutes, 1) : minutes,
                    quick ? replayed / 10 : replayed);
        }

        /** {@code --hang-ups[=N]}: only scenario (h), N rounds (0: the full run). */
        boolean hangUpsOnly() {
            return hangUpsAlone > 0;
        }

        /** Rounds of (h): {@code --hang-ups=N}, else the full run's. */
        int hangUpRounds() {
            return hangUpsOnly() ? hangUpsAlone : AbandonedRequests.ROUNDS;
        }

        /** Operation counts: the full run, or a tenth of it with --quick (a smoke test of the harness). */
        int n(int full) {
            return quick ? Math.max(5, full / 10) : full;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].startsWith("--classify-dumps=")) {
            classifyDumps(Path.of(args[0].substring("--classify-dumps=".length())));
            return;
        }
        Path root = repositoryRoot();
        int orders = 0;
        int kpis = 0;
        long auditEvents = 0;
        Path ordersData = null;
        Path replayData = null;
        List<String> replayed = Replays.ALL;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--kpis")) {
                kpis = 100_000;
            } else if (arg.startsWith("--kpis=")) {
                kpis = Integer.parseInt(arg.substring("--kpis=".length()));
            } else if (arg.equals("--orders")) {
                orders = 100_000;
            } else if (arg.startsWith("--orders=")) {
                orders = Integer.parseInt(arg.substring("--orders=".length()));
            } else if (arg.equals("--audit")) {
                auditEvents = Options.HISTORY;
            } else if (arg.startsWith("--audit=")) {
                auditEvents = Long.parseLong(arg.substring("--audit=".length()));
            } else if (arg.startsWith("--replay-models=")) {
                replayed = List.of(arg.substring("--replay-models=".length()).split(","));
            } else if (arg.startsWith("--replay-data=")) {
                replayData = Path.of(arg.substring("--replay-data=".length()));
            } else if (arg.startsWith("--orders-data=")) {
                ordersData = Path.of(arg.substring("--orders-data=".length()));
            } else {
                rest.add(arg);
            }
        }
        Options options = Options.parse(rest.toArray(String[]::new), root);
        if (orders > 0 || kpis > 0) {
            if (!Files.isRegularFile(options.jar())) {
                System.err.println("No " + options.jar());
                System.exit(2);
            }
            if (orders > 0) {
                new OrdersBenchmark(options, orders).run(ordersData);
            }
            System.exit(kpis > 0 && !new KpiBenchmark(options, kpis).run() ? 1 : 0);
        }
        if (replayData != null) {
            if (!Files.isRegularFile(options.jar())) {
                System.err.println("No " + options.jar());
                System.exit(2);
            }
            System.exit(replays(options, replayData, replayed) ? 0 : 1);
        }
        if (auditEvents > 0) {
            if (!Files.isRegularFile(options.jar())) {
                System.err.println("No " + options.jar());
                System.exit(2);
            }
            System.exit(new AuditReads(options, auditEvents).run() ? 0 : 1);
        }
        if (!Files.isRegularFile(options.jar())) {
            System.err.println("No " + options.jar() + ": build it first with "
                    + "mvn -q -DskipTests package -pl benchmarks -am");
            System.exit(2);
        }
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = Machine.loadAverage();
        Path work = Files.createTempDirectory("shipjoy-bench-");
        Path dataDir = work.resolve("data");
        Path log = work.resolve("server.log");
        System.out.println("ShipJoy benchmarks: " + Machine.cores() + " cores, " + Machine.memory() + ", "
                + Machine.cpuModel() + ", load " + loadBefore);
        System.out.println("Server: " + options.jar() + " on a temporary data dir " + dataDir + ", log " + log);
        Report report = new Report(options, started, loadBefore);
        ServerProcess server = new ServerProcess(options.jar(), dataDir, log, options.serverJvmFlags());
        boolean ok = false;
        try {
            report.coldStart = server.start();
            report.rssIdle = Machine.rssMiB(server.pid());
            System.out.printf("Start-up (empty data dir): healthy after %d ms (Boot: started in %.1f s, JVM %.1f s);"
                            + " RSS %d MiB%n", report.coldStart.healthyMillis(), report.coldStart.bootSeconds(),
                    report.coldStart.jvmSeconds(), report.rssIdle[0]);
            report.serverFlags = server.jcmd("VM.flags");
            report.poolSize = server.poolSize();
            report.attachApi = server.usesAttachApi();
            Benchmarks benchmarks = new Benchmarks(options, server, work);
            if (options.hangUpsOnly()) {
                benchmarks.runHangUpsOnly(report);
            } else if (options.ordersOnly()) {
                System.out.println("-- (i) orders end to end");
                new OrdersThroughput(options, server, work, report, false).run(report.coldStart, false);
                server.stop();
                replaysAtScale(options, dataDir, work, report);
                HistoryRun.run(options, work, report);
            } else {
                benchmarks.run(report);
                // (i) on a server of its own, started on an empty data directory: its figures do not depend on what
                // the scenarios before left in the store (nor on whether (h) broke the server).
                System.out.println("-- (i) orders end to end, on a fresh server (empty data directory)");
                server.stop();
                ServerProcess ordersServer = new ServerProcess(options.jar(), work.resolve("orders-data"),
                        work.resolve("orders-server.log"), options.serverJvmFlags());
                try {
                    ServerProcess.Startup startup = ordersServer.start();
                    System.out.printf("Start-up (empty data dir): healthy after %d ms%n", startup.healthyMillis());
                    new OrdersThroughput(options, ordersServer, work, report, false).run(startup, true);
                } finally {
                    ordersServer.stop();
                }
                replaysAtScale(options, work.resolve("orders-data"), work, report);
                HistoryRun.run(options, work, report);
            }
            ok = true;
        } finally {
            server.stop();
            if (!options.keepData()) {
                deleteTree(work);
            } else {
                System.out.println("Data and log kept in " + work);
            }
        }
        report.finished = ZonedDateTime.now(ZoneOffset.UTC);
        report.loadAfter = Machine.loadAverage();
        String markdown = report.markdown();
        String summary = report.summary(Report.previousBefore(options.out()));
        if (options.print()) {
            System.out.println(summary);
            System.out.println(markdown);
        } else {
            Report.write(options.out(), markdown);
            Report.writeAtTop(options.out(), summary, Report.SUMMARY_BEGIN, Report.SUMMARY_END);
            System.out.println("Wrote " + options.out());
        }
        // A failed check (see Report.failures) fails the run, after the report is out: loudly, on stderr too.
        for (String failure : report.failures) {
            System.err.println("HARNESS RUN FAILED: " + failure);
        }
        System.exit(ok && report.failures.isEmpty() ? 0 : 1);
    }

    /** {@code --replay-data=DIR [--replays=N] [--replay-models=a,b]}: {@link ReplayRun} alone, printed. */
    private static boolean replays(Options options, Path seed, List<String> names)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("shipjoy-bench-replays-");
        List<String> failures = new ArrayList<>();
        try {
            ReplayRun.run(options, seed, options.replayEvents() > 0 ? options.replayEvents() : Options.HISTORY,
                    names, work, failures);
        } finally {
            if (!options.keepData()) {
                deleteTree(work);
            } else {
                System.out.println("Data and log kept in " + work);
            }
        }
        failures.forEach(failure -> System.err.println("HARNESS RUN FAILED: " + failure));
        return failures.isEmpty();
    }

    /** Every read model replayed over copies of the events (i) and its soak left in {@code seed} (ReplayRun). */
    private static void replaysAtScale(Options options, Path seed, Path work, Report report)
            throws IOException, InterruptedException {
        if (options.replayEvents() > 0 && report.orders != null && report.orders.soak != null) {
            report.replays = ReplayRun.run(options, seed, options.replayEvents(), Replays.ALL, work,
                    report.failures);
        }
    }

    private void run(Report report) {
        setUp();

        System.out.println("-- warm-up");
        // Warm-up: the JIT compiles the write and read paths before anything is measured (it is not done by then).
        report.warmUp.add(caughtUp(report, receipts("warm-up: receipts", 4, options.n(WARM_UP))));
        report.warmUp.add(caughtUp(report, Load.run("warm-up: moves", 4, options.n(WARM_UP), CAP, server,
                (index, client) -> index % 2 == 0 ? move("WARM", 1, location(1), location(2))
                        : move("WARM", 1, location(2), location(1)))));
        report.warmUp.add(Load.run("warm-up: GET /api/inventory/{sku}", 4, options.n(WARM_UP), CAP, server,
                (index, client) -> Sample.of(http.get(AUDITOR, "/api/inventory/" + skus.get(index % skus.size())),
                        200)));

        System.out.println("-- (a) receipts of new skus");
        for (int c : CLIENTS) {
            report.receipts.add(caughtUp(report, receipts("receipts of new skus", c, options.n(RECEIPTS))));
        }
        report.auditEarly = audit("after the receipts", options.n(AUDITS));

        System.out.println("-- (b) moves");
        List<String> pool = movePool();
        for (int c : CLIENTS) {
            report.moves.add(caughtUp(report, moves("moves on " + pool.size() + " skus", c, options.n(MOVES),
                    pool)));
        }
        report.hotMoves.add(caughtUp(report, hotMoves(1, options.n(HOT_MOVES))));
        report.hotMoves.add(caughtUp(report, hotMoves(4, options.n(HOT_MOVES))));

        System.out.println("-- (c) read-your-writes");
        report.ryw.add(readYourWrites("RYW-1", options.n(RYW_IDLE), 0, report));
        report.ryw.add(readYourWrites("RYW-2", options.n(RYW_LOADED), 4, report));

        System.out.println("-- (d) queries");
        report.events = head.get();
        queries(report);
        report.auditLate = audit("at the end", options.n(AUDITS));

        if (options.profile()) {
            System.out.println("-- where the time goes: thread samples under 16 receipt clients");
            report.profile = profile(16, Duration.ofSeconds(options.quick() ? 2 : 6));
        }
        // Every scenario so far waited for all its answers (closed loop; the time caps never cut a request off):
        // the server must still write, and its read models must agree with the event store.
        writeCheck(report, AbandonedRequests.check(http, "after (a)–(d) and the thread sampling", "AD"));

        report.rssAfterLoad = Machine.rssMiB(server.pid());
        report.heapInfo = server.jcmd("GC.heap_info").lines().filter(line -> line.contains("heap"))
                .map(String::strip).findFirst().orElse("unknown");
        report.eventsAtEnd = currentHead();
        System.out.printf("RSS after load: %d MiB (peak %d MiB); %d events%n", report.rssAfterLoad[0],
                report.rssAfterLoad[1], report.eventsAtEnd);

        System.out.println("-- (e) restart on the same data");
        report.shutdownMillis = server.stop();
        report.warmStart = server.start();
        http = new Http(server.port());
        report.rssRestart = Machine.rssMiB(server.pid());
        Http.Response after = http.get(AUDITOR, "/api/audit/inventory-consistency?minPosition="
                + report.eventsAtEnd);
        report.auditAfterRestart = after.ok() ? after.body() : "HTTP " + after.status() + " " + after.body();
        System.out.printf("Restart (%d events): healthy after %d ms (Boot %.1f s); RSS %d MiB; audit %s%n",
                report.eventsAtEnd, report.warmStart.healthyMillis(), report.warmStart.bootSeconds(),
                report.rssRestart[0], Load.abbreviate(report.auditAfterRestart));

        // Last, because it can leave the server unable to write: see BENCHMARKS.md.
        System.out.println("-- (f) 16 clients moving 16 skus through their 100th event (snapshot threshold)");
        report.snapshot = snapshotThreshold(report);

        // Last, on the server (f) restarted: on a server with the bug it ends unable to write.
        hangUps(report);
    }

    /** {@code --hang-ups[=N]}: only (h), on a fresh server, N rounds. */
    private void runHangUpsOnly(Report report) {
        setUp();
        hangUps(report);
    }

    // ---------------------------------------------------------------------------------------------- (h)

    private void hangUps(Report report) {
        System.out.printf("-- (h) %d clients hang up with requests in flight, %d rounds%n",
                AbandonedRequests.CLIENTS, options.hangUpRounds());
        report.abandonedElsewhere = Http.ABANDONED.get();
        report.hangUps = AbandonedRequests.run(server, http, report.writeChecks, options.hangUpRounds());
        AbandonedRequests.Check before = report.writeChecks.get(report.writeChecks.size() - 1);
        if (!before.ok()) {
            report.failures.add("(h): before any request was abandoned " + before.verdict() + ": "
                    + before.summary());
            return;
        }
        for (AbandonedRequests.Round round : report.hangUps) {
            if (!round.check().ok()) {
                int abandoned = report.hangUps.stream().mapToInt(AbandonedRequests.Round::abandoned).sum();
                report.failures.add(Markdown.f("(h): after round %d of %d (%d requests abandoned in flight so far) "
                        + "%s: %s", round.round(), options.hangUpRounds(), abandoned, round.check().verdict(),
                        round.check().summary()));
            }
        }
    }

    private static void writeCheck(Report report, AbandonedRequests.Check check) {
        report.writeChecks.add(check);
        if (!check.ok()) {
            report.failures.add(check.label() + " " + check.verdict() + ": " + check.summary());
        }
    }

    // ---------------------------------------------------------------------------------------------- set-up

    private void setUp() {
        StringBuilder locations = new StringBuilder();
        for (int i = 1; i <= LOCATIONS; i++) {
            locations.append(i == 1 ? "" : ",").append('"').append(location(i)).append('"');
        }
        Http.Response warehouse = http.post(WAREHOUSE, "/api/warehouses",
                "{\"warehouseId\":\"" + WH + "\",\"name\":\"Benchmark\",\"locations\":[" + locations + "]}");
        require(warehouse, 201);
        // The hot sku holds plenty in two locations, so moves in either direction never run out, whatever the order.
        require(receipt("HOT", 100_000, location(1)), 201);
        require(receipt("HOT", 100_000, location(2)), 201);
        require(receipt("WARM", 100_000, location(1)), 201);
        require(receipt("WARM", 100_000, location(2)), 201);
        require(receipt("RYW-1", 100_000, location(1)), 201);
        require(receipt("RYW-2", 100_000, location(1)), 201);
    }

    static String location(int i) {
        return String.format("A-%02d", i);
    }

    private Http.Response receipt(String sku, long quantity, String location) {
        String body = "{\"receiptId\":\"R-" + receiptSeq.incrementAndGet() + "\",\"reference\":\"PO-bench\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"location\":\"" + location
                + "\"}]}";
        Http.Response response = http.post(WAREHOUSE, "/api/warehouses/" + WH + "/receipts", body);
        seen(response);
        return response;
    }

    private void seen(Http.Response response) {
        if (response.position() > 0) {
            head.accumulateAndGet(response.position(), Math::max);
        }
    }

    private long currentHead() {
        // A repeated registration stores nothing and answers the current head.
        StringBuilder locations = new StringBuilder();
        for (int i = 1; i <= LOCATIONS; i++) {
            locations.append(i == 1 ? "" : ",").append('"').append(location(i)).append('"');
        }
        Http.Response again = http.post(WAREHOUSE, "/api/warehouses",
                "{\"warehouseId\":\"" + WH + "\",\"name\":\"Benchmark\",\"locations\":[" + locations + "]}");
        require(again, 200);
        seen(again);
        return again.position();
    }

    // ---------------------------------------------------------------------------------------------- (a), (b)

    /** Receipts of one line each, of a sku never seen before; every 100th is low stock (for the low-stock view). */
    private Result receipts(String name, int clients, int count) {
        return Load.run(name, clients, count, CAP, server, (index, client) -> {
            int number = skuSeq.incrementAndGet();
            String sku = "SKU-" + number;
            boolean low = number % 100 == 0;
            Http.Response response = receipt(sku, low ? LOW_STOCK : 1000, location(1 + index % 4));
            Sample sample = Sample.command(response, 201);
            if (sample.error() == null) {
                skus.add(sku);
            }
            return sample;
        });
    }

    /** Skus received with 1000 units into, to move from. */
    private List<String> movePool() {
        List<String> pool = new ArrayList<>();
        for (String sku : skus) {
            Http.Response level = http.get(AUDITOR, "/api/inventory/" + sku + "?minPosition=" + head.get());
            require(level, 200);
            if (Json.number(level.json(), "onHand") == 1000) {
                pool.add(sku);
            }
            if (pool.size() == MOVE_POOL) {
                break;
            }
        }
        return pool;
    }

    /**
     * One unit from the sku's receiving location to A-20 and back, alternately. Consecutive operations are on
     * different skus, so concurrent clients rarely meet on one aggregate.
     */
    private Result moves(String name, int clients, int count, List<String> pool) {
        Map<String, String> from = new java.util.concurrent.ConcurrentHashMap<>();
        for (String sku : pool) {
            Http.Response level = http.get(AUDITOR, "/api/inventory/" + sku);
            from.put(sku, String.valueOf(Json.at(level.json(), "warehouses.0.locations.0.location")));
        }
        return Load.run(name, clients, count, CAP, server, (index, client) -> {
            String sku = pool.get(index % pool.size());
            return move(sku, 1, from.get(sku), location(LOCATIONS));
        });
    }

    private Sample move(String sku, long quantity, String from, String to) {
        Http.Response response = http.post(WAREHOUSE, "/api/warehouses/" + WH + "/moves",
                "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"from\":\"" + from + "\",\"to\":\"" + to
                        + "\"}");
        seen(response);
        return Sample.command(response, 200);
    }

    /** Every client moves the same sku back and forth: one aggregate, so commands on it queue for its lock. */
    private Result hotMoves(int clients, int count) {
        return Load.run("moves on one hot sku", clients, count, HOT_CAP, server, (index, client) ->
                index % 2 == 0 ? move("HOT", 1, location(1), location(2)) : move("HOT", 1, location(2), location(1)));
    }

    /**
     * How far the projections are behind when a write scenario ends: milliseconds from its end until both the
     * inventory and the stock-ledger read models have processed the newest position any command answered.
     */
    private Result caughtUp(Report report, Result result) {
        long position = head.get();
        long start = System.nanoTime();
        for (String path : List.of("/api/inventory/HOT?minPosition=" + position,
                "/api/inventory/HOT/movements?size=1&minPosition=" + position)) {
            while (true) {
                Http.Response response = http.get(AUDITOR, path);
                if (response.status() == 200) {
                    break;
                }
                if (response.status() != 503 || System.nanoTime() - start > Duration.ofMinutes(2).toNanos()) {
                    System.out.println("    projections did not catch up within 2 min: HTTP " + response.status());
                    report.catchUp.put(result, -1L);
                    return result;
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        report.catchUp.put(result, millis);
        System.out.println("    projections caught up " + millis + " ms after the last answer");
        return result;
    }

    // ---------------------------------------------------------------------------------------------- (c)

    /**
     * A move, then {@code GET /api/inventory/{sku}?minPosition=<its X-Event-Position>}; measured from the command's
     * answer to the query's answer, which must show the move. {@code background} writers send receipts meanwhile.
     */
    private Result readYourWrites(String sku, int count, int background, Report report) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        long started = System.nanoTime();
        for (int w = 0; w < background; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    Http.Response response = receipt("BG-" + writer + "-" + i++ + "-" + receiptSeq.get(), 1000,
                            location(1));
                    if (response.ok()) {
                        written.incrementAndGet();
                    }
                }
            }, "background-" + w);
            thread.setDaemon(true);
            writers.add(thread);
            thread.start();
        }
        if (background > 0) {
            ServerProcess.sleep(1000);
        }
        AtomicLong moved = new AtomicLong();
        long[] commandNanos = new long[count];
        AtomicInteger commands = new AtomicInteger();
        String condition = background == 0 ? "idle" : background + " receipt writers";
        Result result = Load.run("read-your-writes, " + condition, 1, count, CAP, server, (index, client) -> {
            Http.Response move = moveOne(sku, moved);
            long answered = System.nanoTime();
            if (move.status() != 200) {
                return Sample.command(move, 200);
            }
            commandNanos[commands.getAndIncrement()] = move.nanos();
            long queried = System.nanoTime();
            Http.Response level = http.get(AUDITOR, "/api/inventory/" + sku + "?minPosition=" + move.position());
            long nanos = queried + level.nanos() - answered;
            Sample query = Sample.of(level, 200);
            if (query.error() != null) {
                return new Sample(nanos, query.error());
            }
            long shown = movedTo(level);
            return new Sample(nanos, shown == moved.get() ? null
                    : "stale read: A-02 holds " + shown + " after " + moved.get() + " moves");
        });
        // For comparison: the same move, then a plain read at once (no minPosition): how often is it stale?
        AtomicInteger stale = new AtomicInteger();
        Result immediate = Load.run("read at once, " + condition, 1, Math.max(5, count / 2), CAP, server,
                (index, client) -> {
                    Http.Response move = moveOne(sku, moved);
                    if (move.status() != 200) {
                        return Sample.command(move, 200);
                    }
                    Http.Response level = http.get(AUDITOR, "/api/inventory/" + sku);
                    Sample query = Sample.of(level, 200);
                    if (query.error() == null && movedTo(level) != moved.get()) {
                        stale.incrementAndGet();
                    }
                    return query;
                });
        stop.set(true);
        for (Thread thread : writers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        caughtUp(report, result);
        long[] sorted = Arrays.copyOf(commandNanos, commands.get());
        Arrays.sort(sorted);
        report.rywCommandP50.add(sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6);
        report.rywBackground.add(background == 0 ? 0 : written.get() / ((System.nanoTime() - started) / 1e9));
        report.rywImmediate.add(immediate);
        report.rywStale.add(stale.get());
        return result;
    }

    /** Moves one unit of {@code sku} from and counts it when it succeeded. */
    private Http.Response moveOne(String sku, AtomicLong moved) {
        Http.Response move = http.post(WAREHOUSE, "/api/warehouses/" + WH + "/moves",
                "{\"sku\":\"" + sku + "\",\"quantity\":1,\"from\":\"A-01\",\"to\":\"A-02\"}");
        seen(move);
        if (move.status() == 200) {
            moved.incrementAndGet();
        }
        return move;
    }

    /** What an inventory level says A-02 holds. */
    private static long movedTo(Http.Response level) {
        Object locations = Json.at(level.json(), "warehouses.0.locations");
        for (Object location : locations instanceof List<?> list ? list : List.of()) {
            if ("A-02".equals(Json.at(location, "location"))) {
                return ((Number) Json.at(location, "quantity")).longValue();
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------- (f)

    static final int SNAPSHOT_SKUS = 16;
    static final int SNAPSHOT_MOVES_PER_SKU = 110;
    static final Duration SNAPSHOT_CAP = Duration.ofSeconds(60);
    static final String POOL_TIMEOUT = "Connection is not available";

    /**
     * Stock aggregates are snapshotted every 100 events, on the commanding thread after the commit, in a new
     * transaction. Here 16 clients move 16 fresh skus (one each at a time) until every sku has passed its 100th
     * event: what happens to the commands around the snapshots.
     */
    private Result snapshotThreshold(Report report) {
        for (int k = 0; k < SNAPSHOT_SKUS; k++) {
            require(receipt("SNAP-" + k, 100_000, location(1)), 201);
            require(receipt("SNAP-" + k, 100_000, location(2)), 201);
        }
        long logOffset = server.logSize();
        int count = options.quick() ? SNAPSHOT_SKUS * 10 : SNAPSHOT_SKUS * SNAPSHOT_MOVES_PER_SKU;
        // What the answers promise: per sku, A-02's quantity from the acknowledged (200) moves alone.
        AtomicLong[] promised = new AtomicLong[SNAPSHOT_SKUS];
        AtomicInteger[] acknowledgedMoves = new AtomicInteger[SNAPSHOT_SKUS];
        for (int k = 0; k < SNAPSHOT_SKUS; k++) {
            promised[k] = new AtomicLong(100_000);
            acknowledgedMoves[k] = new AtomicInteger();
        }
        Result result = Load.run("moves on 16 skus past their 100th event", SNAPSHOT_SKUS, count, SNAPSHOT_CAP,
                server, (index, client) -> {
                    int k = index % SNAPSHOT_SKUS;
                    boolean forth = (index / SNAPSHOT_SKUS) % 2 == 0;
                    Sample sample = forth ? move("SNAP-" + k, 1, location(1), location(2))
                            : move("SNAP-" + k, 1, location(2), location(1));
                    if (sample.error() == null) {
                        promised[k].addAndGet(forth ? 1 : -1);
                        acknowledgedMoves[k].incrementAndGet();
                    }
                    return sample;
                });
        report.snapshotPoolTimeouts = server.logLinesSince(logOffset, POOL_TIMEOUT);
        report.snapshotInterrupts = server.logLinesSince(logOffset, UOW_INTERRUPT);
        report.snapshotClosedChannels = server.logLinesSince(logOffset, CLOSED_BY_INTERRUPT);
        System.out.printf("    server log lines: \"%s\" %d, \"%s\" %d, %s %d%n", POOL_TIMEOUT,
                report.snapshotPoolTimeouts, UOW_INTERRUPT, report.snapshotInterrupts, CLOSED_BY_INTERRUPT,
                report.snapshotClosedChannels);
        // Can the server still write? A receipt of a new sku, as any client would send next.
        Http.Response probe = receipt("AFTER-F", 1000, location(1));
        report.snapshotProbe = probe.status() + (probe.ok() ? "" : " " + Load.abbreviate(problemDetail(probe)));
        System.out.println("    a receipt afterwards: HTTP " + report.snapshotProbe);
        long acknowledged = head.get();
        // What a restart finds: is every acknowledged event there, and do the read models match the store?
        report.snapshotShutdownMillis = server.stop();
        server.start();
        http = new Http(server.port());
        Http.Response first = receipt("AFTER-RESTART", 1000, location(1));
        report.snapshotAcknowledged = acknowledged;
        report.snapshotHeadAfterRestart = first.position() > 0 ? first.position() - 2 : -1;
        Http.Response audit = http.get(AUDITOR, "/api/audit/inventory-consistency?minPosition="
                + Math.max(0, first.position()));
        report.snapshotAudit = audit.ok() ? audit.body() : "HTTP " + audit.status() + " " + audit.body();
        // The event store itself (as-of replays it, independent of read models) against what the answers promised.
        String now = java.time.Instant.now().toString();
        for (int k = 0; k < SNAPSHOT_SKUS; k++) {
            Http.Response asOf = http.get(AUDITOR, "/api/inventory/SNAP-" + k + "/as-of?at=" + now);
            long stored = asOf.ok() ? movedTo(asOf) : -1;
            if (stored != promised[k].get()) {
                report.snapshotDiverged++;
                report.snapshotDivergence += Math.abs(stored - promised[k].get());
            }
            // Stock events of the sku in the store: its two receipts and every stored move.
            long storedMoves = asOf.ok() ? Json.number(asOf.json(), "eventsReplayed") - 2 : 0;
            report.snapshotStoredDespiteError += Math.max(0, storedMoves - acknowledgedMoves[k].get());
            report.snapshotAcknowledgedMissing += Math.max(0, acknowledgedMoves[k].get() - storedMoves);
        }
        System.out.printf("    after a restart: highest acknowledged position %d, store head before the next "
                        + "command %d; %d of %d skus differ from the acknowledged moves (by %d units); moves stored "
                        + "although answered with an error %d, acknowledged moves missing %d; audit %s%n",
                acknowledged, report.snapshotHeadAfterRestart, report.snapshotDiverged, SNAPSHOT_SKUS,
                report.snapshotDivergence, report.snapshotStoredDespiteError, report.snapshotAcknowledgedMissing,
                Load.abbreviate(report.snapshotAudit));
        return result;
    }

    static final String UOW_INTERRUPT = "has exceeded its timeout";
    static final String CLOSED_BY_INTERRUPT = "ClosedByInterruptException";

    private static String problemDetail(Http.Response response) {
        try {
            Object detail = Json.at(response.json(), "detail");
            return detail != null ? detail.toString() : response.body();
        } catch (RuntimeException e) {
            return response.body();
        }
    }

    // ---------------------------------------------------------------------------------------------- (d)

    private void queries(Report report) {
        List<String> known = new ArrayList<>(skus);
        Http.Response movements = http.get(AUDITOR, "/api/inventory/HOT/movements?minPosition=" + head.get());
        require(movements, 200);
        long entries = Json.number(movements.json(), "total");
        report.hotEntries = entries;
        long lastPage = Math.max(0, (entries - 1) / 50);
        report.queries.add(query("GET /api/inventory/{sku}", 1, options.n(1000),
                index -> "/api/inventory/" + known.get((int) ((index * 7919L) % known.size()))));
        report.queries.add(query("GET /api/inventory/{sku}", 4, options.n(2000),
                index -> "/api/inventory/" + known.get((int) ((index * 7919L) % known.size()))));
        report.queries.add(query("GET /api/inventory?maxAvailable=" + LOW_STOCK, 1, options.n(100),
                index -> "/api/inventory?maxAvailable=" + LOW_STOCK));
        report.queries.add(query("GET /api/inventory (page 0 of all)", 1, options.n(100),
                index -> "/api/inventory"));
        report.queries.add(query("GET /api/inventory/HOT/movements (page 0)", 1, options.n(100),
                index -> "/api/inventory/HOT/movements"));
        report.queries.add(query("GET /api/inventory/HOT/movements?page=" + lastPage, 1, options.n(100),
                index -> "/api/inventory/HOT/movements?page=" + lastPage));
        report.queries.add(query("GET /api/inventory/HOT/movements?format=csv", 1, options.n(20),
                index -> "/api/inventory/HOT/movements?format=csv"));
        Http.Response low = http.get(AUDITOR, "/api/inventory?maxAvailable=" + LOW_STOCK);
        report.lowStockTotal = Json.number(low.json(), "total");
        report.skuCount = Json.number(http.get(AUDITOR, "/api/inventory?size=1").json(), "total");
    }

    private Result query(String name, int clients, int count, java.util.function.IntFunction<String> path) {
        return Load.run(name, clients, count, QUERY_CAP, server,
                (index, client) -> Sample.of(http.get(AUDITOR, path.apply(index)), 200));
    }

    private Result audit(String name, int count) {
        long position = head.get();
        return Load.run("audit " + name + " (" + position + " events)", 1, count, QUERY_CAP, server, (i, c) -> {
            Http.Response response = http.get(AUDITOR, "/api/audit/inventory-consistency?minPosition=" + position);
            Sample sample = Sample.of(response, 200);
            if (sample.error() == null && !((List<?>) Json.at(response.json(), "mismatches")).isEmpty()) {
                return new Sample(response.nanos(), "mismatches: " + Load.abbreviate(response.body()));
            }
            return sample;
        });
    }

    // ---------------------------------------------------------------------------------------------- profile

    private ThreadSampler.Profile profile(int clients, Duration duration) {
        return ThreadSampler.during(server, () -> Load.run("receipts while sampling threads", clients,
                Integer.MAX_VALUE / 2, duration, server, (index, client) -> Sample.command(
                        receipt("PROF-" + index + "-" + client, 1000, location(1)), 201)),
                options.keepData() ? work.resolve("thread-dumps") : null);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Classifies thread dumps kept by an earlier run (--keep-data) and prints the tables. */
    private static void classifyDumps(Path dir) throws IOException {
        ThreadSampler sampler = new ThreadSampler(null);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                sampler.add(Files.readString(file));
            }
        }
        ThreadSampler.Profile profile = sampler.profile(null);
        profile.groups().forEach((group, categories) -> {
            System.out.println(group);
            categories.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                    .forEach(e -> System.out.printf("  %5.1f %%  %5.2f threads  %s%n",
                            profile.percent(group, e.getKey()), profile.average(group, e.getKey()), e.getKey()));
        });
    }

    private static void require(Http.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Expected " + status + ", got " + response.status() + ": "
                    + Load.abbreviate(response.body()));
        }
    }

    /** The checkout this harness was built in: two levels above benchmarks/target/, else the working directory. */
    private static Path repositoryRoot() {
        try {
            Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            root = root == null ? null : root.getParent();
            if (root != null && Files.isDirectory(root.resolve("application"))) {
                return root;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall back to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
