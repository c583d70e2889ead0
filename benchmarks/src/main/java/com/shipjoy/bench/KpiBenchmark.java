package com.shipjoy.bench;

import static com.shipjoy.bench.Markdown.f;

import com.shipjoy.bench.Load.Result;
import com.shipjoy.bench.Load.Sample;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (j) The KPI document of a day holding 100,000 orders (issue 11): {@code --kpis[=N]} starts the server with its
 * embedded MongoDB on a fixed loopback port, seeds N orders into the current UTC day of the KPI and labor read models
 * through the real projections ({@code KpiSeeding}, in a child JVM on the boot jar's classpath, as (g) seeds the
 * orders), checks the documents' figures against what was seeded, then measures {@code GET /api/kpis} and
 * {@code /api/kpis/labor}, overall and for one warehouse, with 1 and 16 clients. Writes its own block of
 * BENCHMARKS.md (or prints it with {@code --print}); exits 1 if a figure is not what was seeded.
 */
final class KpiBenchmark {

    static final String BEGIN = "<!-- BEGIN GENERATED KPIS: rewritten by the harness's --kpis run; edit outside -->";
    static final String END = "<!-- END GENERATED KPIS -->";
    static final String READER = "viewer";
    static final int READS = 1000;
    static final int[] CLIENTS = {1, 16};
    static final Duration CAP = Duration.ofSeconds(30);
    /** A same-day SLA, so that a day's orders can ship late; the server gets the same setting. */
    static final long SLA_HOURS = 4;
    static final String SEEDER = "com.shipjoy.bench.KpiSeeding";
    static final String WAREHOUSE = KpiSeeding.WAREHOUSES[0];

    private final Benchmarks.Options options;
    private final int count;

    KpiBenchmark(Benchmarks.Options options, int count) {
        this.options = options;
        this.count = count;
    }

    /** Answers whether every figure checked was what was seeded. */
    boolean run() throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = Machine.loadAverage();
        Path work = Files.createTempDirectory("shipjoy-bench-kpis-");
        int mongoPort = ServerProcess.freePort();
        List<String> flags = new ArrayList<>(options.serverJvmFlags());
        flags.add("-Dshipjoy.embedded-mongo.port=" + mongoPort);
        flags.add("-Dshipjoy.sla.ship-hours=" + SLA_HOURS);
        ServerProcess server = new ServerProcess(options.jar(), work.resolve("data"), work.resolve("server.log"),
                flags);
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<Result> results = new ArrayList<>();
        List<String[]> checks = new ArrayList<>();
        String seeding;
        try {
            server.start();
            Path log = work.resolve("seeding.log");
            double seconds = OrdersBenchmark.runChild(options.jar(), SEEDER, log, "mongodb://127.0.0.1:" + mongoPort,
                    "shipjoy", String.valueOf(count), day.toString(), String.valueOf(SLA_HOURS));
            long events = Long.parseLong(lastSeeded(log).split(" ")[3]);
            seeding = f("%,d orders (%,d events) seeded into %s through the projections in %.0f s (%.0f events/s)",
                    count, events, day.toString().substring(0, 10), seconds, events / seconds);
            System.out.println("KPIs: " + seeding);
            Http http = new Http(server.port());
            checks.addAll(check(http, expected(log)));
            checks.stream().filter(row -> row[4].equals("**no**"))
                    .forEach(row -> System.out.println("    MISMATCH " + String.join(" ", row)));
            for (String path : List.of("/api/kpis", "/api/kpis?warehouseId=" + WAREHOUSE, "/api/kpis/labor",
                    "/api/kpis/labor?warehouseId=" + WAREHOUSE)) {
                for (int clients : CLIENTS) {
                    results.add(Load.run("GET " + path, clients, options.n(READS), CAP, server,
                            (index, client) -> Sample.of(http.get(READER, path), 200)));
                }
            }
        } finally {
            server.stop();
            if (options.keepData()) {
                System.out.println("Kept " + work);
            } else {
                Benchmarks.deleteTree(work);
            }
        }
        boolean passed = checks.stream().noneMatch(row -> row[4].equals("**no**"));
        if (!day.equals(Instant.now().truncatedTo(ChronoUnit.DAYS))) {
            System.out.println("The UTC day changed during the run: the reads after midnight show the next day.");
        }
        String markdown = markdown(started, loadBefore, seeding, results, checks, passed);
        if (options.print()) {
            System.out.println(markdown);
        } else {
            Report.write(options.out(), markdown, BEGIN, END);
            System.out.println("Wrote " + options.out());
        }
        return passed;
    }

    /** The seeder's {@code expect} lines: scope (empty: overall) → figure → value. */
    private static Map<String, Map<String, String>> expected(Path log) throws java.io.IOException {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] field = line.split("\t", -1);
            if (field.length == 4 && field[0].equals("expect")) {
                expected.computeIfAbsent(field[1], scope -> new LinkedHashMap<>()).put(field[2], field[3]);
            }
        }
        if (expected.isEmpty()) {
            throw new IllegalStateException("The seeder named no figures; see " + log);
        }
        return expected;
    }

    /** The seeder's last progress line: "seeded N orders, M events in ...". */
    private static String lastSeeded(Path log) throws java.io.IOException {
        List<String> seeded = Files.readAllLines(log).stream().filter(line -> line.startsWith("seeded")).toList();
        return seeded.get(seeded.size() - 1);
    }

    /**
     * Each seeded figure against the document (KPIs) or the sum over the workers (labor, {@code labor.*}) of its
     * scope: rows of scope, figure, seeded, read, same.
     */
    private static List<String[]> check(Http http, Map<String, Map<String, String>> expected) {
        List<String[]> rows = new ArrayList<>();
        expected.forEach((scope, figures) -> {
            String query = scope.isEmpty() ? "" : "?warehouseId=" + scope;
            Object kpis = read(http, "/api/kpis" + query);
            Object labor = read(http, "/api/kpis/labor" + (scope.isEmpty() ? "?" : query + "&") + "size=500");
            figures.forEach((figure, seeded) -> {
                Object read = figure.startsWith("labor.") ? sum(labor, figure.substring("labor.".length()))
                        : Json.at(kpis, figure);
                rows.add(new String[] {scope.isEmpty() ? "all" : scope, figure, seeded, String.valueOf(read),
                        same(seeded, read) ? "yes" : "**no**"});
            });
        });
        return rows;
    }

    private static Object read(Http http, String path) {
        Http.Response response = http.get(READER, path);
        if (response.status() != 200) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    private static long sum(Object page, String field) {
        List<?> items = (List<?>) Json.at(page, "items");
        return items.stream().mapToLong(item -> Json.number(item, field)).sum();
    }

    private static boolean same(String seeded, Object read) {
        if (seeded.equals("null") || read == null) {
            return seeded.equals("null") && read == null;
        }
        return new BigDecimal(seeded).compareTo(new BigDecimal(String.valueOf(read))) == 0;
    }

    private String markdown(ZonedDateTime started, String loadBefore, String seeding, List<Result> results,
                            List<String[]> checks, boolean passed) {
        Markdown md = new Markdown();
        md.heading(2, "KPIs of a day holding " + f("%,d", count) + " orders: run of " + Benchmarks.now());
        if (!passed) {
            md.paragraph("**FAILED**: a figure of the documents is not what was seeded (see *same* below).");
        }
        md.paragraph(OrdersBenchmark.machine(options, loadBefore, started));
        md.paragraph("Run with `java -jar benchmarks/target/shipjoy-benchmarks.jar --kpis[=N]` (default 100,000; "
                + "`--print` prints this block instead of writing it, `--keep-data` keeps the data directory): the "
                + "server starts on an empty data directory with `shipjoy.sla.ship-hours=" + SLA_HOURS + "` (a "
                + "same-day SLA, so that some of the day's orders ship late), then `KpiSeeding` feeds one UTC day of "
                + "order lives (placed, allocated or backordered, released, picked with some short picks, packed, "
                + "shipped within or after the SLA, some cancelled, delivered or returned; three warehouses, some "
                + "orders split over two; and cycle counts) through the real KPI and labor projections, in batches "
                + "of the service's size, into the server's embedded MongoDB; see `KpiSeeding` for the mix. Seeding: "
                + seeding + ". The figures are checked against what the seeder counted from the lives it made up; "
                + "then each read: up to " + options.n(READS) + " requests or " + CAP.toSeconds() + " s, as `"
                + READER + "`, the default window (the current UTC day).");
        Markdown.Table table = md.table(Markdown.loadHeaders("read"));
        results.forEach(result -> table.load(result, result.name()));
        table.end();
        Markdown.Table figures = md.table("scope", "figure", "seeded", "read", "same");
        checks.forEach(row -> figures.row((Object[]) row));
        figures.end();
        return md.toString();
    }
}
