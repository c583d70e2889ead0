package com.shipjoy.bench;

import static com.shipjoy.bench.Markdown.f;

import com.shipjoy.bench.Load.Result;
import com.shipjoy.bench.Load.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * (i) Orders end to end over HTTP, on a server of their own started on an empty data directory (the README's
 * command): {@code POST /api/orders} as {@code channel}, one line of one unit each, answered after the allocation
 * process has reserved the stock and released the order (shipment and pick task); every projection runs. Measures
 * sustained placement with 16 closed-loop clients, one hot sku whose stock is half the orders (and checks that no
 * unit is promised twice), latency at half the sustained rate in an open loop, how long the read models take to
 * catch up when the writers stop, and, in the same run for comparison, moves and receipts over HTTP and the raw
 * stores alone ({@code raw.RawBaselines}, a child JVM). Every part stops at an operation count or a time cap.
 */
final class OrdersThroughput {

    static final String CHANNEL_USER = "channel";
    static final String READER = Benchmarks.AUDITOR;
    static final String SKU = "ORD-";
    static final int SKUS = 64;
    static final long STOCK = 100_000;
    static final String MOVE_SKU = "MOVE-";
    static final String HOT = "ORD-HOT";
    static final int CLIENTS = 16;
    static final Duration SET_UP_CAP = Duration.ofMinutes(2);
    /** The JIT is still busy after a few hundred orders (a fifth of an order's CPU at 16 clients after 300). */
    static final int WARM_UP = 600;
    static final Duration WARM_UP_CAP = Duration.ofSeconds(30);
    static final int WARM_UP_MOVES = 200;
    static final int BASE_MOVES_ONE = 200;
    static final int BASE_MOVES = 400;
    static final int BASE_RECEIPTS = 400;
    static final int ONE_CLIENT = 100;
    static final int SUSTAINED = 4000;
    static final Duration SUSTAINED_CAP = Duration.ofSeconds(30);
    static final int HOT_ORDERS = 600;
    static final int HOT_STOCK = 300;
    static final Duration HOT_CAP = Duration.ofSeconds(40);
    /** Short bursts after the sustained run, each followed by a lag measurement: more stops for the lag figure. */
    static final int STOPS = 5;
    static final int STOP_ORDERS = 200;
    static final Duration STOP_CAP = Duration.ofSeconds(2);
    static final int READ_BACK = 50;
    /** Reads of the day's KPI document (issue 11: p99 ≤ 20 ms), overall and for the warehouse. */
    static final int KPI_READS = 1000;
    /** SSE clients following the orders of one channel (issue 11: delivery p50 ≤ 10 ms, p99 ≤ 50 ms with 500). */
    static final int STREAM_CLIENTS = 500;
    static final Duration STREAM_LENGTH = Duration.ofSeconds(20);
    static final String STREAM_CHANNEL = "sse";
    static final String STREAM_USER = "viewer";
    static final int OPEN_LOOP_MAX = 4000;
    static final Duration OPEN_LOOP_CAP = Duration.ofSeconds(20);
    static final int OPEN_LOOP_THREADS = 64;
    static final Duration PROFILE = Duration.ofSeconds(6);
    static final Duration LAG_PATIENCE = Duration.ofMinutes(2);
    static final Duration SOAK_SAMPLE = Duration.ofSeconds(15);
    /** How long one read model's replay after the soak may take. */
    static final Duration REPLAY_PATIENCE = Duration.ofMinutes(10);
    /** The suffix of the store files' sizes measured after the soak. */
    static final String SOAK_FILES = " after the soak";
    static final double RAW_CAP_SECONDS = 10;
    static final int RAW_H2_ONE = 3000;
    static final int RAW_H2_MANY = 6000;
    static final int RAW_MONGO_ONE = 3000;
    static final int RAW_MONGO_BULK = 30000;
    static final String RAW_MAIN = "com.shipjoy.bench.raw.RawBaselines";

    /** One answered order. */
    record Placed(String orderId, String sku, String status, long position) {
    }

    /**
     * How long after the last answer of a run each read model answered {@code ?minPosition=<the run's highest
     * X-Event-Position>} (ms, -1: not within {@link #LAG_PATIENCE}); {@code total}: the last of them.
     */
    record Lag(String label, long head, long total, Map<String, Long> millis, String problem) {
    }

    /** A raw baseline from the child JVM: ops, wall and CPU time, latency percentiles per operation (ns). */
    record Raw(String key, int threads, long ops, long wallNanos, long cpuNanos, long p50, long p99, long max) {

        double perSecond() {
            return ops / (wallNanos / 1e9);
        }

        double cpuMillisPerOp() {
            return ops == 0 ? Double.NaN : cpuNanos / 1e6 / ops;
        }
    }

    /**
     * The soak: orders at {@code rate} for {@code minutes} (open loop) and the server's RSS sampled every
     * {@link #SOAK_SAMPLE}: {seconds since the start, MiB}.
     */
    record Soak(double rate, int minutes, Load.OpenLoop load, List<long[]> rss) {

        long lastMiB() {
            return rss.isEmpty() ? -1 : rss.get(rss.size() - 1)[1];
        }

        long maxMiB() {
            return rss.stream().mapToLong(sample -> sample[1]).max().orElse(-1);
        }

        /** Least-squares growth over the second half of the soak, MiB per minute: "flat" is near 0. */
        double slopeMiBPerMinute() {
            List<long[]> late = rss.subList(rss.size() / 2, rss.size());
            double n = late.size();
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (long[] sample : late) {
                double x = sample[0] / 60.0;
                sx += x;
                sy += sample[1];
                sxx += x * x;
                sxy += x * sample[1];
            }
            double denominator = n * sxx - sx * sx;
            return n < 2 || denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
        }
    }

    /** What (i) measured; filled as it goes, so a run that breaks off still reports what it has. */
    static final class Results {
        ServerProcess.Startup startup;
        boolean ownServer;
        final List<Result> warmUp = new ArrayList<>();
        final List<Result> baselines = new ArrayList<>();
        final List<Raw> raw = new ArrayList<>();
        String rawProblem;
        /** Files: the raw baselines' (h2, mongo: bytes and rows or documents written) and the server's at the end. */
        final Map<String, long[]> files = new LinkedHashMap<>();
        Result oneClient;
        Result sustained;
        Result hot;
        Load.OpenLoop openLoop;
        final List<Result> kpis = new ArrayList<>();
        StreamFigures streams;
        final Map<Result, Lag> lagOf = new java.util.IdentityHashMap<>();
        final List<Lag> stops = new ArrayList<>();
        final List<Result> stopRuns = new ArrayList<>();
        Map<String, Integer> sustainedStatuses = Map.of();
        int readBack;
        int readBackWrong;
        String readBackFirstWrong;
        Map<String, Integer> hotStatuses = Map.of();
        int hotStock;
        int hotAccepted;
        long hotOnHand = -1;
        long hotReserved = -1;
        long hotAvailable = -1;
        long hotAllocatedOrders = -1;
        long hotBackorderedOrders = -1;
        long hotQueued = -1;
        String hotVerdict;
        boolean hotOk;
        String reservedVerdict;
        boolean reservedOk = true;
        int orderErrors;
        ThreadSampler.Profile profile;
        Soak soak;
        List<Replays.Replay> replays;
        long events;
        String aborted;
    }

    private final Benchmarks.Options options;
    private final ServerProcess server;
    private final Http http;
    private final Path work;
    private final Report report;
    private final Results results = new Results();
    private final boolean history;
    /** Receipt ids differ between the harness's servers on one store (HistoryRun sets up on one, measures on the next). */
    private final String receiptPrefix = "R-I-" + Long.toString(System.nanoTime(), 36) + "-";
    private final AtomicLong head = new AtomicLong();
    private final AtomicInteger orderSeq = new AtomicInteger();
    private final AtomicInteger receiptSeq = new AtomicInteger();
    private final AtomicLongArray accepted = new AtomicLongArray(SKUS);
    private final AtomicInteger failedOrders = new AtomicInteger();
    private volatile String lastOrderId;
    private volatile String sampleOrderId;
    private volatile String sampleShipmentId;

    /** On a running server; {@code history}: the figures of (i) on a store with a history (see HistoryRun). */
    OrdersThroughput(Benchmarks.Options options, ServerProcess server, Path work, Report report, boolean history) {
        this.options = options;
        this.server = server;
        this.http = new Http(server.port());
        this.work = work;
        this.report = report;
        this.history = history;
        if (history) {
            report.ordersWithHistory = results;
        } else {
            report.orders = results;
        }
    }

    /** Runs (i); a check that fails is added to the report's failures, an exception ends (i) with a failure. */
    void run(ServerProcess.Startup startup, boolean ownServer) {
        run(startup, ownServer, true);
    }

    /** Runs (i) on a server whose warehouse and stock {@link #setUpAndCatchUp} has received before a restart. */
    void runAfterSetUp(ServerProcess.Startup startup) {
        results.hotStock = options.n(HOT_STOCK);
        run(startup, true, false);
    }

    private void run(ServerProcess.Startup startup, boolean ownServer, boolean setUp) {
        results.startup = startup;
        results.ownServer = ownServer;
        try {
            if (setUp) {
                setUp();
            }
            scenario();
            if (options.soakMinutes() > 0 && !history) {
                soak();
                // Issue 12: every read model rebuilt over the store (i) and the soak leave, all real events.
                results.replays = Replays.measure(http, server, head.get(), Replays.ALL, REPLAY_PATIENCE,
                        report.failures);
            }
        } catch (RuntimeException e) {
            results.aborted = e.toString();
            report.failures.add("(i) broke off: " + Load.abbreviate(e.toString()));
            System.out.println("    (i) broke off: " + e);
        }
        results.orderErrors = failedOrders.get();
    }

    /**
     * (i)'s set-up on a server that has just started on a pre-loaded history, then the time until every read model
     * has processed it: their tokens pass the whole history on this first start. -1 if they did not within
     * {@code patience}.
     */
    long setUpAndCatchUp(Duration patience) {
        long started = System.nanoTime();
        setUp();
        Lag lag = lag("after the set-up on the history", patience);
        return lag.total() < 0 ? -1 : (System.nanoTime() - started) / 1_000_000;
    }

    private void scenario() {
        System.out.println("-- (i) raw baselines (child JVM: H2 and mongo-java-server alone)");
        rawBaselines();

        System.out.println("-- (i) warm-up");
        results.warmUp.add(Load.run("warm-up: orders, " + SKUS + " skus", 4, options.n(WARM_UP),
                WARM_UP_CAP, server, (index, client) -> place(randomSku(), null)));
        results.warmUp.add(Load.run("warm-up: moves", 4, options.n(WARM_UP_MOVES), Benchmarks.CAP, server,
                (index, client) -> move(index)));
        findSampleOrder();

        System.out.println("-- (i) baselines over HTTP: moves and receipts");
        results.baselines.add(Load.run("moves of one unit, " + SKUS + " skus", 1, options.n(BASE_MOVES_ONE),
                Benchmarks.CAP, server, (index, client) -> move(index)));
        results.baselines.add(Load.run("moves of one unit, " + SKUS + " skus", CLIENTS, options.n(BASE_MOVES),
                Benchmarks.CAP, server, (index, client) -> move(index)));
        results.baselines.add(Load.run("receipts of new skus", CLIENTS, options.n(BASE_RECEIPTS), Benchmarks.CAP,
                server, (index, client) -> Sample.command(receipt("REC-" + index, 1000), 201)));

        System.out.println("-- (i) orders, 1 client");
        results.oneClient = lagged("after 1 client", run -> Load.run("orders, " + SKUS + " skus", 1,
                options.n(ONE_CLIENT), Benchmarks.CAP, server, (index, client) -> place(randomSku(), null), run));

        System.out.printf("-- (i) sustained: %d clients place orders for up to %d orders or %d s%n", CLIENTS,
                options.n(SUSTAINED), SUSTAINED_CAP.toSeconds());
        ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
        results.sustained = lagged("after the sustained run", run -> Load.run("orders, " + SKUS + " skus",
                CLIENTS, options.n(SUSTAINED), SUSTAINED_CAP, server,
                (index, client) -> place(randomSku(), placed), run));
        results.stops.add(results.lagOf.get(results.sustained));
        results.sustainedStatuses = statuses(placed);
        readBack(new ArrayList<>(placed));

        System.out.printf("-- (i) %d more stops: %d clients for up to %d orders or %d s, then the lag%n", STOPS,
                CLIENTS, options.n(STOP_ORDERS), STOP_CAP.toSeconds());
        for (int s = 1; s <= STOPS; s++) {
            Result burst = lagged("stop " + (s + 1), run -> Load.run("orders, burst", CLIENTS,
                    options.n(STOP_ORDERS), STOP_CAP, server, (index, client) -> place(randomSku(), null), run));
            results.stopRuns.add(burst);
            results.stops.add(results.lagOf.get(burst));
        }

        hotSku();

        if (options.profile()) {
            System.out.println("-- (i) where the time goes: thread samples under " + CLIENTS + " order clients");
            results.profile = ThreadSampler.during(server, () -> Load.run("orders while sampling threads", CLIENTS,
                    Integer.MAX_VALUE / 2, options.quick() ? Duration.ofSeconds(2) : PROFILE, server,
                    (index, client) -> place(randomSku(), null)), options.keepData()
                    ? work.resolve("thread-dumps-orders") : null);
        }

        openLoop();
        reservedCheck();
        kpiReads();
        streamDelivery();
        results.events = head.get();
        fileSizes("");
    }

    /**
     * The KPI document of the current UTC day after all of (i)'s orders: a window adds up its hours' buckets, so its
     * cost does not grow with the orders in it.
     */
    private void kpiReads() {
        System.out.println("-- (i) the KPI document of the day");
        for (String path : List.of("/api/kpis", "/api/kpis?warehouseId=" + Benchmarks.WH)) {
            for (int clients : new int[] {1, CLIENTS}) {
                results.kpis.add(Load.run("GET " + path, clients, options.n(KPI_READS), Benchmarks.CAP, server,
                        (index, client) -> Sample.of(http.get(READER, path), 200)));
            }
        }
    }

    /**
     * What {@link #streamDelivery} measured: {@code delaysMillis} sorted, one per client and order; {@code missing}
     * the (client, order) pairs that never saw the order; RSS before the clients connected and after the run.
     */
    record StreamFigures(int clients, int connected, int closedEarly, double rate, Result orders, long[] delaysMillis,
                         long missing, long rssBeforeMiB, long rssWithMiB) {

        double percentile(double p) {
            if (delaysMillis.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * delaysMillis.length);
            return delaysMillis[Math.max(0, Math.min(delaysMillis.length - 1, rank - 1))];
        }
    }

    /**
     * SSE clients follow the orders stream of one channel while that channel's orders arrive at half the sustained
     * rate (open loop): per client and order, the ms from the order's answer to the event showing that state.
     */
    private void streamDelivery() {
        if (results.sustained == null || results.sustained.ops() == results.sustained.errors()) {
            return;
        }
        double rate = results.sustained.perSecond() / 2;
        int clients = options.n(STREAM_CLIENTS);
        Duration length = options.quick() ? Duration.ofSeconds(5) : STREAM_LENGTH;
        System.out.printf("-- (i) %d SSE clients on the orders stream while orders come at %.1f /s for %d s%n",
                clients, rate, length.toSeconds());
        long rssBefore = Machine.rssMiB(server.pid())[0];
        List<StreamClients.Answer> answers = Collections.synchronizedList(new ArrayList<>());
        try (StreamClients streams = new StreamClients(server.port(), STREAM_USER, "/api/streams/orders?channel="
                + STREAM_CHANNEL, clients)) {
            Load.OpenLoop load = Load.openLoop("orders followed by SSE clients", rate,
                    (int) Math.ceil(rate * length.toSeconds()), length.plusSeconds(30), OPEN_LOOP_THREADS, server,
                    (index, client) -> {
                        Http.Response response = http.post(CHANNEL_USER, "/api/orders", orderBody(STREAM_CHANNEL,
                                orderSeq.incrementAndGet(), randomSku()));
                        long answered = System.nanoTime();
                        seen(response);
                        if (response.status() == 201) {
                            answers.add(new StreamClients.Answer(String.valueOf(Json.at(response.json(), "orderId")),
                                    response.position(), answered));
                        }
                        return Sample.command(response, 201);
                    }, () -> { });
            ServerProcess.sleep(2_000);
            long rssWith = Machine.rssMiB(server.pid())[0];
            long[] missing = new long[1];
            long[] delays = streams.delaysMillis(new ArrayList<>(answers), missing);
            results.streams = new StreamFigures(clients, streams.connected(), streams.closedEarly(), rate,
                    load.result(), delays, missing[0], rssBefore, rssWith);
            System.out.printf("    %d of %d connected, %d closed early; delivery p50 %.0f ms, p99 %.0f ms, max %.0f"
                            + " ms over %d deliveries, %d missing; RSS %d → %d MiB%n", streams.connected(), clients,
                    streams.closedEarly(), results.streams.percentile(50), results.streams.percentile(99),
                    results.streams.percentile(100), delays.length, missing[0], rssBefore, rssWith);
        }
    }

    /** The server's store files now, keyed by name and {@code suffix}, with the newest position seen. */
    private void fileSizes(String suffix) {
        for (String file : List.of("eventstore.mv.db", "readmodels.mv")) {
            try {
                results.files.put(file + suffix, new long[] {Files.size(server.dataDir().resolve(file)), head.get()});
            } catch (IOException e) {
                // Not there (another storage mode): not reported.
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- set-up

    private void setUp() {
        StringBuilder locations = new StringBuilder();
        for (int i = 1; i <= Benchmarks.LOCATIONS; i++) {
            locations.append(i == 1 ? "" : ",").append('"').append(Benchmarks.location(i)).append('"');
        }
        Http.Response warehouse = http.post(Benchmarks.WAREHOUSE, "/api/warehouses",
                "{\"warehouseId\":\"" + Benchmarks.WH + "\",\"name\":\"Orders\",\"locations\":[" + locations + "]}");
        require(warehouse, 201, "the warehouse");
        results.hotStock = options.n(HOT_STOCK);
        // 64 skus to order and 64 to move, plenty of each; the hot sku with less stock than its orders.
        // Not a measurement, so a generous cap: on a busy machine 129 receipts can take longer than 20 s.
        Result setUp = Load.run("set-up: receipts", 8, 2 * SKUS + 1, SET_UP_CAP, server, (index, client) -> {
            String sku = index < SKUS ? sku(index) : index < 2 * SKUS ? moveSku(index - SKUS) : HOT;
            return Sample.command(receipt(sku, sku.equals(HOT) ? results.hotStock : STOCK), 201);
        });
        if (setUp.errors() > 0 || setUp.capped()) {
            throw new IllegalStateException("(i) set-up: " + (setUp.capped() ? "the receipts did not finish within "
                    + SET_UP_CAP.toSeconds() + " s; " : "") + setUp.errors() + " receipts failed"
                    + (setUp.firstError() == null ? "" : ": " + setUp.firstError()));
        }
    }

    static String sku(int i) {
        return String.format("%s%02d", SKU, i);
    }

    private static String moveSku(int i) {
        return String.format("%s%02d", MOVE_SKU, i);
    }

    private static String randomSku() {
        return sku(ThreadLocalRandom.current().nextInt(SKUS));
    }

    private Http.Response receipt(String sku, long quantity) {
        String body = "{\"receiptId\":\"" + receiptPrefix + receiptSeq.incrementAndGet() + "\",\"reference\":\"PO-orders\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"location\":\""
                + Benchmarks.location(1) + "\"}]}";
        Http.Response response = http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/receipts",
                body);
        seen(response);
        return response;
    }

    /** One unit of a move sku from: one command, one event. Consecutive moves on different skus. */
    private Sample move(int index) {
        Http.Response response = http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/moves",
                "{\"sku\":\"" + moveSku(index % SKUS) + "\",\"quantity\":1,\"from\":\"" + Benchmarks.location(1)
                        + "\",\"to\":\"" + Benchmarks.location(Benchmarks.LOCATIONS) + "\"}");
        seen(response);
        return Sample.command(response, 200);
    }

    private void seen(Http.Response response) {
        if (response.position() > 0) {
            head.accumulateAndGet(response.position(), Math::max);
        }
    }

    private static void require(Http.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException("(i) " + what + ": expected " + status + ", got " + response.status()
                    + ": " + Load.abbreviate(response.body()));
        }
    }

    // ---------------------------------------------------------------------------------------------- orders

    static String orderBody(int n, String sku) {
        return orderBody("bench", n, sku);
    }

    static String orderBody(String channel, int n, String sku) {
        return "{\"channel\":\"" + channel + "\",\"externalOrderId\":\"B-" + n + "\",\"customer\":{\"customerId\":\"C-"
                + (n % 1000) + "\",\"name\":\"Bench Customer\",\"email\":\"bench@example.com\"},\"shipTo\":"
                + "{\"name\":\"Bench Customer\",\"line1\":\"1 Loop Road\",\"city\":\"Testville\",\"postalCode\":"
                + "\"12345\",\"country\":\"DE\"},\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":"
                + "\"9.99\",\"currency\":\"EUR\"}]}";
    }

    /**
     * Places an order of one unit of {@code sku} (a new channel+externalOrderId each time); a 201 with
     * X-Event-Position is a success. Its answer goes to {@code into} (if not null) and counts for the sku.
     */
    private Sample place(String sku, java.util.Collection<Placed> into) {
        int n = orderSeq.incrementAndGet();
        Http.Response response = http.post(CHANNEL_USER, "/api/orders", orderBody(n, sku));
        seen(response);
        Sample sample = Sample.command(response, 201);
        if (sample.error() != null) {
            failedOrders.incrementAndGet();
            return sample;
        }
        String status;
        String orderId;
        try {
            Object json = response.json();
            status = String.valueOf(Json.at(json, "status"));
            orderId = String.valueOf(Json.at(json, "orderId"));
        } catch (RuntimeException e) {
            failedOrders.incrementAndGet();
            return new Sample(response.nanos(), "unreadable answer: " + Load.abbreviate(response.body()));
        }
        if (sku.startsWith(SKU) && !sku.equals(HOT)) {
            accepted.incrementAndGet(Integer.parseInt(sku.substring(SKU.length())));
        }
        if (into != null) {
            into.add(new Placed(orderId, sku, status, response.position()));
        }
        lastOrderId = orderId;
        return sample;
    }

    private static Map<String, Integer> statuses(java.util.Collection<Placed> placed) {
        Map<String, Integer> statuses = new TreeMap<>();
        placed.forEach(order -> statuses.merge(order.status(), 1, Integer::sum));
        return statuses;
    }

    /** An order and its shipment, for the order-history and shipments probes of the lag measurement. */
    private void findSampleOrder() {
        String orderId = lastOrderId;
        if (orderId == null) {
            return;
        }
        Http.Response order = http.get(READER, "/api/orders/" + orderId + "?minPosition=" + head.get());
        if (order.status() == 200) {
            Object shipment = Json.at(order.json(), "shipments.0.shipmentId");
            sampleShipmentId = shipment == null ? null : shipment.toString();
        }
        sampleOrderId = orderId;
    }

    /**
     * Stock is plentiful, so every order must end ALLOCATED: reads back up to {@link #READ_BACK} answered orders
     * (evenly spread, and every one answered otherwise) at the X-Event-Position of their answer, or for one that was
     * not answered ALLOCATED (allocation lagged more than 5 s: PLACED) at the run's head.
     */
    private void readBack(List<Placed> placed) {
        List<Placed> sample = new ArrayList<>();
        int step = Math.max(1, placed.size() / READ_BACK);
        for (int i = 0; i < placed.size(); i++) {
            Placed order = placed.get(i);
            if ((i % step == 0 && sample.size() < READ_BACK) || !"ALLOCATED".equals(order.status())) {
                sample.add(order);
            }
        }
        long runHead = head.get();
        for (Placed order : sample) {
            long at = "ALLOCATED".equals(order.status()) ? order.position() : runHead;
            Http.Response read = http.get(READER, "/api/orders/" + order.orderId() + "?minPosition=" + at);
            results.readBack++;
            String status = read.status() == 200 ? String.valueOf(Json.at(read.json(), "status"))
                    : "HTTP " + read.status();
            Object allocated = read.status() == 200 ? Json.at(read.json(), "lines.0.allocated") : null;
            if (!"ALLOCATED".equals(status) || !(allocated instanceof Number number && number.longValue() == 1)) {
                results.readBackWrong++;
                if (results.readBackFirstWrong == null) {
                    results.readBackFirstWrong = order.orderId() + " answered " + order.status() + ", read back "
                            + status + " (lines[0].allocated " + allocated + ") at position " + at;
                }
            }
        }
        long notAllocated = placed.stream().filter(order -> !"ALLOCATED".equals(order.status())
                && !"PLACED".equals(order.status())).count();
        System.out.printf("    answers %s; read back %d orders, %d not ALLOCATED%n", results.sustainedStatuses,
                results.readBack, results.readBackWrong);
        if (results.readBackWrong > 0) {
            report.failures.add(f("(i) sustained: %d of %d orders read back were not ALLOCATED although stock was "
                    + "plentiful; first: %s", results.readBackWrong, results.readBack, results.readBackFirstWrong));
        }
        if (notAllocated > 0) {
            report.failures.add(f("(i) sustained: %d orders were answered neither ALLOCATED nor PLACED although "
                    + "stock was plentiful: %s", notAllocated, results.sustainedStatuses));
        }
    }

    // ---------------------------------------------------------------------------------------------- hot sku

    /**
     * Every order for one sku whose stock is half the orders: the allocation process must promise each unit once.
     * Afterwards, at the run's head: the inventory holds stock reserved (reserved = on hand, available 0), the orders
     * read model lists exactly stock ALLOCATED and the rest BACKORDERED, the backorder queue holds the rest, and no
     * more answers said ALLOCATED than there were units.
     */
    private void hotSku() {
        int orders = options.n(HOT_ORDERS);
        int stock = results.hotStock;
        System.out.printf("-- (i) one hot sku: %d clients, %d orders of one unit, stock %d%n", CLIENTS, orders, stock);
        ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
        int failedBefore = failedOrders.get();
        results.hot = lagged("after the hot sku", run -> Load.run("orders, one hot sku", CLIENTS, orders, HOT_CAP,
                server, (index, client) -> place(HOT, placed), run));
        boolean certain = failedOrders.get() == failedBefore;
        results.hotStatuses = statuses(placed);
        results.hotAccepted = placed.size();
        long at = head.get();
        Http.Response level = http.get(READER, "/api/inventory/" + HOT + "?minPosition=" + at);
        if (level.status() == 200) {
            Object json = level.json();
            results.hotOnHand = Json.number(json, "onHand");
            results.hotReserved = Json.number(json, "reserved");
            results.hotAvailable = Json.number(json, "available");
        }
        results.hotAllocatedOrders = total("/api/orders?sku=" + HOT + "&status=ALLOCATED&size=1&minPosition=" + at);
        results.hotBackorderedOrders = total("/api/orders?sku=" + HOT + "&status=BACKORDERED&size=1&minPosition="
                + at);
        results.hotQueued = total("/api/backorders?sku=" + HOT + "&size=1&minPosition=" + at);
        int answeredAllocated = results.hotStatuses.getOrDefault("ALLOCATED", 0);
        long expectedAllocated = Math.min(stock, results.hotAccepted);
        long expectedRest = results.hotAccepted - expectedAllocated;
        List<String> wrong = new ArrayList<>();
        if (answeredAllocated > stock) {
            wrong.add(f("%d answers said ALLOCATED for %d units", answeredAllocated, stock));
        }
        if (results.hotReserved > results.hotOnHand || results.hotOnHand != stock) {
            wrong.add(f("the inventory shows %d reserved of %d on hand (received %d)", results.hotReserved,
                    results.hotOnHand, stock));
        }
        if (results.hotAllocatedOrders > stock) {
            wrong.add(f("the orders read model lists %d ALLOCATED orders for %d units", results.hotAllocatedOrders,
                    stock));
        }
        if (certain) {
            if (results.hotReserved != expectedAllocated || results.hotAvailable != stock - expectedAllocated) {
                wrong.add(f("reserved %d, available %d; expected %d and %d", results.hotReserved,
                        results.hotAvailable, expectedAllocated, stock - expectedAllocated));
            }
            if (results.hotAllocatedOrders != expectedAllocated || results.hotBackorderedOrders != expectedRest) {
                wrong.add(f("the orders read model lists %d ALLOCATED and %d BACKORDERED; expected %d and %d",
                        results.hotAllocatedOrders, results.hotBackorderedOrders, expectedAllocated, expectedRest));
            }
            if (results.hotQueued != expectedRest) {
                wrong.add(f("%d backorders queued; expected %d", results.hotQueued, expectedRest));
            }
            if (!results.hotStatuses.containsKey("PLACED") && answeredAllocated != expectedAllocated) {
                wrong.add(f("%d answers said ALLOCATED; expected %d", answeredAllocated, expectedAllocated));
            }
        }
        results.hotOk = wrong.isEmpty();
        results.hotVerdict = wrong.isEmpty()
                ? (certain ? "every unit promised once: exact" : "no unit promised twice (some requests failed, so "
                + "the exact counts were not checked)")
                : "**WRONG:** " + String.join("; ", wrong);
        System.out.println("    hot sku: answers " + results.hotStatuses + "; inventory on hand " + results.hotOnHand
                + ", reserved " + results.hotReserved + ", available " + results.hotAvailable + "; read model "
                + results.hotAllocatedOrders + " ALLOCATED, " + results.hotBackorderedOrders + " BACKORDERED, "
                + results.hotQueued + " queued: " + results.hotVerdict);
        if (!wrong.isEmpty()) {
            report.failures.add("(i) hot sku: " + String.join("; ", wrong));
        }
    }

    private long total(String path) {
        Http.Response response = http.get(READER, path);
        return response.status() == 200 ? Json.number(response.json(), "total") : -1;
    }

    // ---------------------------------------------------------------------------------------------- open loop

    private void openLoop() {
        if (results.sustained == null || results.sustained.ops() == results.sustained.errors()) {
            return;
        }
        double rate = results.sustained.perSecond() / 2;
        Duration cap = openLoopCap(options);
        int count = (int) Math.min(options.n(OPEN_LOOP_MAX), Math.ceil(rate * cap.toSeconds()) + 1);
        System.out.printf("-- (i) open loop at half the sustained rate: %.1f orders/s, up to %d orders or %d s%n",
                rate, count, cap.toSeconds());
        Lag[] lag = new Lag[1];
        results.openLoop = Load.openLoop("orders at half the sustained rate", rate, count, cap,
                OPEN_LOOP_THREADS, server, (index, client) -> place(randomSku(), null),
                () -> lag[0] = lag("after the open loop", LAG_PATIENCE));
        results.lagOf.put(results.openLoop.result(), lag[0]);
    }

    /** After the rest of (i): orders at half the sustained rate for --soak minutes, the server's RSS meanwhile. */
    private void soak() {
        if (results.sustained == null || results.sustained.ops() == results.sustained.errors()) {
            return;
        }
        double rate = results.sustained.perSecond() / 2;
        int minutes = options.soakMinutes();
        System.out.printf("-- (i) soak: %.1f orders/s for %d min, RSS every %d s%n", rate, minutes,
                SOAK_SAMPLE.toSeconds());
        List<long[]> rss = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Runnable sample = () -> rss.add(new long[] {(System.nanoTime() - start) / 1_000_000_000,
                Machine.rssMiB(server.pid())[0]});
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    sample.run();
                    Thread.sleep(SOAK_SAMPLE.toMillis());
                }
            } catch (InterruptedException e) {
                // The soak is over.
            }
        }, "soak-rss");
        sampler.setDaemon(true);
        sampler.start();
        Duration length = Duration.ofMinutes(minutes);
        Load.OpenLoop load = Load.openLoop("orders at half the sustained rate, soak", rate,
                (int) Math.ceil(rate * length.toSeconds()), length.plusSeconds(30), OPEN_LOOP_THREADS, server,
                (index, client) -> place(randomSku(), null), () -> { });
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample.run();
        fileSizes(SOAK_FILES);
        results.soak = new Soak(rate, minutes, load, List.copyOf(rss));
        System.out.printf("    RSS %d MiB at the start, %d MiB at the end, at most %d MiB; %.1f MiB/min over the "
                        + "second half%n", rss.get(0)[1], results.soak.lastMiB(), results.soak.maxMiB(),
                results.soak.slopeMiBPerMinute());
    }

    /** The open loop's time cap: shorter with --quick, whose counts would not bound it at today's rates. */
    static Duration openLoopCap(Benchmarks.Options options) {
        return options.quick() ? Duration.ofSeconds(8) : OPEN_LOOP_CAP;
    }

    // ---------------------------------------------------------------------------------------------- lag

    /** Runs {@code load} with a lag measurement right after its last answer, kept for the result. */
    private Result lagged(String label, java.util.function.Function<Runnable, Result> load) {
        Lag[] lag = new Lag[1];
        Result result = load.apply(() -> lag[0] = lag(label, LAG_PATIENCE));
        results.lagOf.put(result, lag[0]);
        return result;
    }

    /** The read models that answer {@code ?minPosition=}, each with a query that asks it. */
    private Map<String, String> probes(long position) {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("orders", "/api/orders?size=1&minPosition=" + position);
        if (sampleOrderId != null) {
            probes.put("order-history", "/api/orders/" + sampleOrderId + "/history?size=1&minPosition=" + position);
        }
        probes.put("backorders", "/api/backorders?size=1&minPosition=" + position);
        probes.put("inventory", "/api/inventory/" + sku(0) + "?minPosition=" + position);
        probes.put("stock-ledger", "/api/inventory/" + sku(0) + "/movements?size=1&minPosition=" + position);
        probes.put("tasks", "/api/tasks?size=1&minPosition=" + position);
        if (sampleShipmentId != null) {
            probes.put("shipments", "/api/shipments/" + sampleShipmentId + "?minPosition=" + position);
        }
        probes.put("labor", "/api/kpis/labor?size=1&minPosition=" + position);
        return probes;
    }

    static final List<String> READ_MODELS = List.of("orders", "order-history", "backorders", "inventory",
            "stock-ledger", "tasks", "shipments", "labor");

    /**
     * From now (the last answer of a run) until every read model has processed the highest X-Event-Position the run
     * saw: one query per read model with {@code ?minPosition=}, all at once, each asked again while it answers 503.
     */
    private Lag lag(String label, Duration patience) {
        long position = head.get();
        long start = System.nanoTime();
        Map<String, Long> millis = Collections.synchronizedMap(new LinkedHashMap<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        probes(position).forEach((name, path) -> {
            millis.put(name, -1L);
            Thread thread = new Thread(() -> {
                while (true) {
                    Http.Response response = http.get(READER, path);
                    long elapsed = System.nanoTime() - start;
                    if (response.status() == 200) {
                        millis.put(name, elapsed / 1_000_000);
                        return;
                    }
                    if (response.status() != 503 || elapsed > patience.toNanos()) {
                        problems.add(name + ": HTTP " + response.status() + " " + Load.abbreviate(response.body()));
                        return;
                    }
                }
            }, "lag-" + name);
            thread.setDaemon(true);
            threads.add(thread);
        });
        Load.startAndJoin(threads);
        long total = problems.isEmpty() ? millis.values().stream().mapToLong(Long::longValue).max().orElse(0) : -1;
        Lag lag = new Lag(label, position, total, new LinkedHashMap<>(millis),
                problems.isEmpty() ? null : String.join("; ", problems));
        System.out.println("    read models caught up " + (total < 0 ? "NOT within " + patience.toMinutes()
                + " min: " + lag.problem() : total + " ms") + " after the last answer " + lag.millis());
        return lag;
    }

    // ---------------------------------------------------------------------------------------------- checks

    /** At the end: each of the 64 skus holds exactly as many units reserved as orders for it were answered 201. */
    private void reservedCheck() {
        long at = head.get();
        int wrong = 0;
        String first = null;
        long orders = 0;
        for (int i = 0; i < SKUS; i++) {
            Http.Response level = http.get(READER, "/api/inventory/" + sku(i) + "?minPosition=" + at);
            long expected = accepted.get(i);
            orders += expected;
            long reserved = level.status() == 200 ? Json.number(level.json(), "reserved") : -1;
            long onHand = level.status() == 200 ? Json.number(level.json(), "onHand") : -1;
            if (reserved != expected || onHand != STOCK) {
                wrong++;
                if (first == null) {
                    first = f("%s: %d reserved of %d on hand, %d orders answered", sku(i), reserved, onHand,
                            expected);
                }
            }
        }
        int failed = failedOrders.get();
        if (failed > 0) {
            results.reservedVerdict = f("not checked exactly: %d order requests failed (a failed answer may or may "
                    + "not have stored its order); %d skus differ from the answered orders", failed, wrong);
        } else if (wrong == 0) {
            results.reservedVerdict = f("yes: %d orders answered, as many units reserved, on %d skus", orders, SKUS);
        } else {
            results.reservedOk = false;
            results.reservedVerdict = f("**NO:** %d of %d skus differ; first: %s", wrong, SKUS, first);
            report.failures.add("(i) reserved units do not match the answered orders: " + results.reservedVerdict);
        }
        System.out.println("    reserved units match the answered orders: " + results.reservedVerdict);
    }

    // ---------------------------------------------------------------------------------------------- raw baselines

    /** H2 and mongo-java-server alone, in a child JVM on the boot jar's classpath (see raw.RawBaselines). */
    private void rawBaselines() {
        Path dir = work.resolve("raw-baselines");
        Path log = work.resolve("raw-baselines.log");
        try {
            Process process = childJvm(options.jar(), RAW_MAIN, log, dir.toString(), String.valueOf(RAW_CAP_SECONDS),
                    String.valueOf(options.n(RAW_H2_ONE)), String.valueOf(options.n(RAW_H2_MANY)),
                    String.valueOf(options.n(RAW_MONGO_ONE)), String.valueOf(options.n(RAW_MONGO_BULK)));
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                results.rawProblem = "the child JVM did not finish within 5 min";
            } else if (process.exitValue() != 0) {
                results.rawProblem = "the child JVM exited with " + process.exitValue() + ": "
                        + Load.abbreviate(tail(log));
            }
            for (String line : Files.readAllLines(log)) {
                String[] field = line.split("\t");
                if (field.length == 4 && field[0].equals("file")) {
                    results.files.put("raw " + field[1], new long[] {Long.parseLong(field[2]),
                            Long.parseLong(field[3])});
                }
                if (field.length == 9 && field[0].equals("baseline")) {
                    Raw raw = new Raw(field[1], Integer.parseInt(field[2]), Long.parseLong(field[3]),
                            Long.parseLong(field[4]), Long.parseLong(field[5]), Long.parseLong(field[6]),
                            Long.parseLong(field[7]), Long.parseLong(field[8]));
                    results.raw.add(raw);
                    System.out.printf("    %-16s %2d threads %7d ops %9.1f ops/s  p50 %.3f  p99 %.3f ms  "
                                    + "%.3f ms CPU/op%n", raw.key(), raw.threads(), raw.ops(), raw.perSecond(),
                            raw.p50() / 1e6, raw.p99() / 1e6, raw.cpuMillisPerOp());
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            results.rawProblem = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.rawProblem = e.toString();
        } finally {
            try {
                Benchmarks.deleteTree(dir);
            } catch (IOException e) {
                // Removed with the work directory at the end anyway.
            }
        }
        if (results.rawProblem != null) {
            System.out.println("    raw baselines: " + results.rawProblem);
        }
    }

    /**
     * A main class of the harness jar in a child JVM on the boot jar's classpath (the server's versions of H2 and
     * mongo-java-server): Spring Boot's PropertiesLauncher with this jar on {@code loader.path}. Output to {@code log}.
     */
    static Process childJvm(Path bootJar, String mainClass, Path log, String... args)
            throws IOException, java.net.URISyntaxException {
        Path benchmarksJar = Path.of(OrdersThroughput.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", bootJar.toString(), "-Dloader.path=" + benchmarksJar,
                "-Dloader.main=" + mainClass, "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** What each raw baseline is, for the report. */
    static String describe(String key) {
        return switch (key) {
            case "h2-append-1" -> "raw event-store append, H2 alone: one INSERT of an event-shaped row (~400-byte "
                    + "payload, Axon's unique keys) and a commit per op, 1 thread";
            case "h2-append-16" -> "the same, 16 threads, each with its own connection and aggregate";
            case "mongo-upsert-1" -> "raw read-model write, mongo-java-server alone: `replaceOne` by `_id` with "
                    + "upsert of a new ~700-byte order-like document, one round trip per op, 1 client";
            case "mongo-bulk-100" -> "the same as `bulkWrite` of 100 upserts per round trip (ops are documents; "
                    + "latency per batch), 1 client";
            default -> key;
        };
    }

    /** The bounds of (i), for the report's settings table. */
    static String bounds(Benchmarks.Options options) {
        return f("set-up 129 receipts; warm-up %d orders or %d s and %d moves (4 clients); baselines: moves %d "
                        + "(1 client) and %d (16), receipts %d (16), raw stores %d/%d/%d/%d ops or %.0f s each; "
                        + "orders: %d on 1 client, sustained %d on 16 clients or %d s, %d bursts of %d or %d s, hot "
                        + "sku %d orders for %d units or %d s, open loop at half the sustained rate up to %d orders or "
                        + "%d s (%d threads); other parts %d s", options.n(WARM_UP), WARM_UP_CAP.toSeconds(),
                options.n(WARM_UP_MOVES), options.n(BASE_MOVES_ONE), options.n(BASE_MOVES), options.n(BASE_RECEIPTS),
                options.n(RAW_H2_ONE), options.n(RAW_H2_MANY), options.n(RAW_MONGO_ONE), options.n(RAW_MONGO_BULK),
                RAW_CAP_SECONDS, options.n(ONE_CLIENT), options.n(SUSTAINED), SUSTAINED_CAP.toSeconds(), STOPS,
                options.n(STOP_ORDERS), STOP_CAP.toSeconds(), options.n(HOT_ORDERS), options.n(HOT_STOCK),
                HOT_CAP.toSeconds(), options.n(OPEN_LOOP_MAX), openLoopCap(options).toSeconds(), OPEN_LOOP_THREADS,
                Benchmarks.CAP.toSeconds());
    }
}
