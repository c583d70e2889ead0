package com.shipjoy.bench;

import static com.shipjoy.bench.Markdown.f;

import com.shipjoy.bench.Load.Result;
import com.shipjoy.bench.Load.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (g) The order read model at 100,000 orders: {@code --orders[=N]} starts the server with its embedded MongoDB on a
 * fixed loopback port, seeds N orders into the orders read model through the real projection
 * ({@code OrderSeeding}, in a child JVM on the boot jar's classpath), then measures
 * the order searches over HTTP, one client at a time. {@code --orders-data=DIR} reuses (and keeps) a data directory
 * that was seeded before: the same orders can then be measured with another build ({@code --jar=...}). Writes its
 * own block of BENCHMARKS.md (or prints it with {@code --print}).
 */
final class OrdersBenchmark {

    static final String BEGIN = "<!-- BEGIN GENERATED ORDERS: rewritten by the harness's --orders run; edit outside -->";
    static final String END = "<!-- END GENERATED ORDERS -->";
    static final String READER = "agent";
    static final int QUERIES = 100;
    static final Duration CAP = Duration.ofSeconds(30);
    static final String SEEDER = "com.shipjoy.bench.OrderSeeding";

    private final Benchmarks.Options options;
    private final int count;
    private final Path jar;
    private final StringBuilder notes = new StringBuilder();

    OrdersBenchmark(Benchmarks.Options options, int count) {
        this.options = options;
        this.count = count;
        this.jar = options.jar();
    }

    void run(Path reuse) throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = Machine.loadAverage();
        Path work = Files.createTempDirectory("shipjoy-bench-orders-");
        Path dataDir = reuse != null ? reuse : work.resolve("data");
        int mongoPort = ServerProcess.freePort();
        List<String> flags = new ArrayList<>(options.serverJvmFlags());
        flags.add("-Dshipjoy.embedded-mongo.port=" + mongoPort);
        ServerProcess server = new ServerProcess(jar, dataDir, work.resolve("server.log"), flags);
        List<Result> results = new ArrayList<>();
        List<String[]> answers = new ArrayList<>();
        String seeding;
        try {
            server.start();
            Http http = new Http(server.port());
            long existing = Json.number(http.get(READER, "/api/orders?size=1").json(), "total");
            if (existing == 0) {
                seeding = seed(mongoPort, work);
            } else {
                seeding = f("reused %s, which held %d orders", dataDir, existing);
            }
            System.out.println("Orders: " + seeding);
            for (String[] query : queries()) {
                String path = query[1];
                Http.Response first = http.get(READER, path);
                if (first.status() != 200) {
                    throw new IllegalStateException(path + " answered " + first.status() + ": " + first.body());
                }
                Object total = path.startsWith("/api/orders/") ? "–" : Json.number(first.json(), "total");
                answers.add(new String[] {String.valueOf(total), digest(first.body())});
                Result result = Load.run(query[0], 1, options.n(QUERIES), CAP, server,
                        (index, client) -> Sample.of(http.get(READER, path), 200));
                results.add(result);
            }
        } finally {
            server.stop();
            if (reuse == null && !options.keepData()) {
                Benchmarks.deleteTree(work);
            } else {
                System.out.println("Kept " + (reuse == null ? work : dataDir));
            }
        }
        String markdown = markdown(started, loadBefore, seeding, results, answers);
        if (options.print()) {
            System.out.println(markdown);
        } else {
            Report.write(options.out(), markdown, BEGIN, END);
            System.out.println("Wrote " + options.out());
        }
    }

    /** The queries measured: a name and a path. Parameters are those of the seeded data (see OrderSeeding). */
    private List<String[]> queries() {
        Instant from = Instant.parse("2026-01-11T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(1));
        String day = "placedFrom=" + from + "&placedTo=" + to;
        long lastPage = Math.max(0, (count - 1) / 50);
        String middle = String.format("ORD-%07d", count / 2);
        return List.of(
                new String[] {"newest 50 of all", "/api/orders"},
                new String[] {"status=ALLOCATED (~75 %)", "/api/orders?status=ALLOCATED"},
                new String[] {"status=BACKORDERED (~20 %)", "/api/orders?status=BACKORDERED"},
                new String[] {"status=CANCELLED (~5 %)", "/api/orders?status=CANCELLED"},
                new String[] {"channel=marketplace (~25 %)", "/api/orders?channel=marketplace"},
                new String[] {"customerId=C-00042 (~5 orders)", "/api/orders?customerId=C-00042"},
                new String[] {"sku=SKU-0042 (~100 orders)", "/api/orders?sku=SKU-0042"},
                new String[] {"sku=SKU-HOT (~5 %)", "/api/orders?sku=SKU-HOT"},
                new String[] {"one day (placedFrom, placedTo)", "/api/orders?" + day},
                new String[] {"status=BACKORDERED & channel=webshop", "/api/orders?status=BACKORDERED&channel=webshop"},
                new String[] {"status=ALLOCATED & sku=SKU-HOT", "/api/orders?status=ALLOCATED&sku=SKU-HOT"},
                new String[] {"channel=webshop & one day", "/api/orders?channel=webshop&" + day},
                new String[] {"customerId=C-BIG & status=BACKORDERED",
                        "/api/orders?customerId=C-BIG&status=BACKORDERED"},
                new String[] {"deep page: status=ALLOCATED, page 1000", "/api/orders?status=ALLOCATED&page=1000"},
                new String[] {"last page of all (page " + lastPage + ")", "/api/orders?page=" + lastPage},
                new String[] {"customer view, C-00042", "/api/customers/C-00042/orders"},
                new String[] {"customer view, C-BIG (~3 %)", "/api/customers/C-BIG/orders"},
                new String[] {"by id", "/api/orders/" + middle});
    }

    private String seed(int mongoPort, Path work) throws IOException, InterruptedException {
        double seconds = runChild(jar, SEEDER, work.resolve("seeding.log"), "mongodb://127.0.0.1:" + mongoPort,
                "shipjoy", String.valueOf(count));
        return f("%d orders seeded through the projection in %.0f s (%.0f orders/s, about 2.1 events per order)",
                count, seconds, count / seconds);
    }

    /**
     * Runs a seeder in a child JVM on the boot jar's classpath (see {@link OrdersThroughput#childJvm}), at most 3 h,
     * echoes its progress lines ("seeded ...") and answers how many seconds it took; fails if it fails.
     */
    static double runChild(Path jar, String main, Path log, String... args) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = OrdersThroughput.childJvm(jar, main, log, args);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!process.waitFor(3, TimeUnit.HOURS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Seeding failed; see " + log);
        }
        Files.readAllLines(log).stream().filter(line -> line.startsWith("seeded")).forEach(System.out::println);
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The paragraph under a seeded run's heading: the machine, its load and the server. */
    static String machine(Benchmarks.Options options, String loadBefore, ZonedDateTime started) {
        return f("Machine: %d cores, %s, %s; load average before / after %s → %s. Server: `%s` (JVM flags: %s). "
                        + "Started %s.", Machine.cores(), Machine.memory(), Machine.cpuModel(), loadBefore,
                Machine.loadAverage(), options.jar().getFileName(),
                options.serverJvmFlags().isEmpty() ? "none" : String.join(" ", options.serverJvmFlags()),
                started.toInstant());
    }

    private String markdown(ZonedDateTime started, String loadBefore, String seeding, List<Result> results,
                            List<String[]> answers) {
        Markdown md = new Markdown();
        md.heading(2, "Orders at " + f("%,d", count) + ": run of " + Benchmarks.now());
        md.paragraph(machine(options, loadBefore, started));
        md.paragraph("Seeding: " + seeding + ". Each query: 1 client, up to " + options.n(QUERIES) + " requests or "
                + CAP.toSeconds() + " s, as `" + READER + "`, default page size 50. *total* and *answer* (the "
                + "first 12 hex digits of the SHA-256 of the first answer's body) show that two builds answered "
                + "the same.");
        Markdown.Table table = md.table(Markdown.loadHeaders("query", "total", "answer"));
        for (int i = 0; i < results.size(); i++) {
            table.load(results.get(i), results.get(i).name(), answers.get(i)[0], "`" + answers.get(i)[1] + "`");
        }
        table.end();
        return md.toString();
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
