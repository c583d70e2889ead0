package com.shipjoy.bench.raw;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * Baselines for scenario (i): what the server's two stores do alone, without Axon, Hibernate, Spring or HTTP, on the
 * same versions of H2 and mongo-java-server (this runs in a child JVM on the boot jar's classpath, Spring Boot's
 * PropertiesLauncher with the harness jar on {@code loader.path}, as {@code OrderSeeding} does) and with the same
 * settings as the embedded default: H2 through its {@code async:} file system with {@code WRITE_DELAY=0}, and
 * mongo-java-server on an H2 MVStore file opened through {@code async:}, spoken to over loopback by the real driver.
 * Each loop runs untimed for a while first (JIT), then until its count or the time cap. One line per baseline on
 * stdout, read by the harness:
 *
 * <pre>baseline TAB key TAB threads TAB ops TAB wall-ns TAB process-cpu-ns TAB p50-ns TAB p99-ns TAB max-ns</pre>
 *
 * and, once each store is closed, its file: {@code file TAB h2|mongo TAB bytes TAB rows or documents written}.
 *
 * <pre>args: directory cap-seconds h2-ops-1-thread h2-ops-16-threads mongo-ops-single mongo-docs-bulk</pre>
 */
public final class RawBaselines {

    static final int BULK = 100;
    static final int H2_THREADS = 16;

    private RawBaselines() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long capNanos = (long) (Double.parseDouble(args[1]) * 1e9);
        Files.createDirectories(dir);
        String url = "jdbc:h2:async:" + dir.resolve("eventstore") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection schema = DriverManager.getConnection(url, "sa", "")) {
            try (Statement statement = schema.createStatement()) {
                // The shape of Axon's domain_event_entry as Hibernate creates it for the server (JPA storage engine).
                statement.execute("CREATE SEQUENCE event_global_index START WITH 1 INCREMENT BY 1");
                statement.execute("CREATE TABLE domain_event_entry (global_index BIGINT NOT NULL PRIMARY KEY, "
                        + "event_identifier VARCHAR(255) NOT NULL UNIQUE, meta_data BLOB, payload BLOB NOT NULL, "
                        + "payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, "
                        + "time_stamp VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL, "
                        + "sequence_number BIGINT NOT NULL, type VARCHAR(255), "
                        + "CONSTRAINT uk_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number))");
            }
            h2(url, "warm-up", 1, 500, capNanos, false);
            h2(url, "h2-append-1", 1, Integer.parseInt(args[2]), capNanos, true);
            h2(url, "h2-append-16", H2_THREADS, Integer.parseInt(args[3]), capNanos, true);
        }
        // The last connection closed the database (DB_CLOSE_ON_EXIT=FALSE): the file as H2 leaves it.
        long h2Bytes = Files.size(dir.resolve("eventstore.mv.db"));
        System.out.println(String.join("\t", "file", "h2", String.valueOf(h2Bytes), String.valueOf(ROWS.get())));
        MVStore store = new MVStore.Builder().fileName("async:" + dir.resolve("readmodels.mv")).open();
        MongoServer server = new MongoServer(new H2Backend(store));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> orders = client.getDatabase("baseline").getCollection("orders");
            mongoSingle(orders, "warm-up", 300, capNanos, false);
            mongoBulk(orders, "warm-up", 20 * BULK, capNanos, false);
            mongoSingle(orders, "mongo-upsert-1", Integer.parseInt(args[4]), capNanos, true);
            mongoBulk(orders, "mongo-bulk-100", Integer.parseInt(args[5]), capNanos, true);
        } finally {
            server.shutdownNow();
            store.close();
        }
        long mongoBytes = Files.size(dir.resolve("readmodels.mv"));
        System.out.println(String.join("\t", "file", "mongo", String.valueOf(mongoBytes),
                String.valueOf(DOCUMENTS.get())));
    }

    // ---------------------------------------------------------------------------------------------- H2

    private static final AtomicInteger AGGREGATES = new AtomicInteger();
    private static final AtomicInteger ROWS = new AtomicInteger();

    /** {@code threads} threads, each with its own connection and aggregate: an event-shaped INSERT, a commit per op. */
    private static void h2(String url, String key, int threads, int count, long capNanos, boolean print)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[][] latencies = new long[threads][];
        int[] done = new int[threads];
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + capNanos;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            latencies[t] = new long[count];
            workers.add(new Thread(() -> {
                String aggregate = "raw-stock:SKU-" + AGGREGATES.incrementAndGet();
                try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry "
                            + "(global_index, event_identifier, meta_data, payload, payload_revision, payload_type, "
                            + "time_stamp, aggregate_identifier, sequence_number, type) VALUES (NEXT VALUE FOR "
                            + "event_global_index, ?, ?, ?, NULL, ?, ?, ?, ?, ?)")) {
                        for (long sequence = 0; System.nanoTime() < deadline && next.getAndIncrement() < count;
                             sequence++) {
                            long began = System.nanoTime();
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setBytes(2, METADATA);
                            insert.setBytes(3, payload(aggregate, sequence));
                            insert.setString(4, "com.shipjoy.events.stock.StockMovedEvent");
                            insert.setString(5, Instant.now().toString());
                            insert.setString(6, aggregate);
                            insert.setLong(7, sequence);
                            insert.setString(8, "Stock");
                            insert.executeUpdate();
                            connection.commit();
                            ROWS.incrementAndGet();
                            latencies[thread][done[thread]++] = System.nanoTime() - began;
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    failures.add(e);
                }
            }, key + "-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(key + " failed", failures.get(0));
        }
        if (print) {
            print(key, threads, System.nanoTime() - start, processCpuNanos() - cpuBefore, latencies, done);
        }
    }

    private static final byte[] METADATA = ("{\"actor\":\"warehouse\",\"traceId\":\"" + UUID.randomUUID()
            + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);

    /** About 400 bytes of JSON, like a stock event carrying its figures after the change. */
    private static byte[] payload(String aggregate, long sequence) {
        return ("{\"stockId\":\"" + aggregate + "\",\"warehouseId\":\"WH1\",\"sku\":\"" + aggregate.substring(10)
                + "\",\"quantity\":1,\"from\":\"A-01\",\"to\":\"A-20\",\"fromAfter\":" + (100_000 - sequence)
                + ",\"toAfter\":" + sequence + ",\"onHandAfter\":100000,\"reservedAfter\":0,\"availableAfter\":"
                + "100000,\"reason\":\"replenishment\",\"occurredAt\":\"" + Instant.now() + "\",\"sequence\":"
                + sequence + ",\"padding\":\"" + "x".repeat(120) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------- MongoDB

    private static final AtomicInteger DOCUMENTS = new AtomicInteger();

    /** One client: replaceOne by _id with upsert of a new order-like document, one round trip each. */
    private static void mongoSingle(MongoCollection<Document> orders, String key, int count, long capNanos,
                                    boolean print) {
        long[][] latencies = {new long[count]};
        int[] done = new int[1];
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + capNanos;
        while (done[0] < count && System.nanoTime() < deadline) {
            long began = System.nanoTime();
            Document order = order(DOCUMENTS.incrementAndGet());
            orders.replaceOne(Filters.eq("_id", order.get("_id")), order, upsert);
            latencies[0][done[0]++] = System.nanoTime() - began;
        }
        if (print) {
            print(key, 1, System.nanoTime() - start, processCpuNanos() - cpuBefore, latencies, done);
        }
    }

    /** One client: bulkWrite of {@link #BULK} such upserts per round trip; ops are documents, latency per batch. */
    private static void mongoBulk(MongoCollection<Document> orders, String key, int documents, long capNanos,
                                  boolean print) {
        int batches = Math.max(1, documents / BULK);
        long[][] latencies = {new long[batches]};
        int[] done = new int[1];
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + capNanos;
        while (done[0] < batches && System.nanoTime() < deadline) {
            long began = System.nanoTime();
            List<WriteModel<Document>> batch = new ArrayList<>(BULK);
            for (int i = 0; i < BULK; i++) {
                Document order = order(DOCUMENTS.incrementAndGet());
                batch.add(new ReplaceOneModel<>(Filters.eq("_id", order.get("_id")), order, upsert));
            }
            orders.bulkWrite(batch);
            latencies[0][done[0]++] = System.nanoTime() - began;
        }
        if (print) {
            // ops: documents written; the latencies are per batch.
            long[][] perBatch = latencies;
            print(key, 1, System.nanoTime() - start, processCpuNanos() - cpuBefore, perBatch, done, BULK);
        }
    }

    /** About 700 bytes of BSON, shaped like a document of the orders read model. */
    private static Document order(int n) {
        return new Document("_id", "raw-order-" + n)
                .append("channel", "bench").append("externalOrderId", "B-" + n)
                .append("customer", new Document("customerId", "C-" + (n % 1000)).append("name", "Bench Customer")
                        .append("email", "bench@example.com"))
                .append("shipTo", new Document("name", "Bench Customer").append("line1", "1 Loop Road")
                        .append("city", "Testville").append("postalCode", "12345").append("country", "DE"))
                .append("lines", List.of(new Document("sku", "ORD-" + (n % 64)).append("quantity", 1L)
                        .append("allocated", 1L).append("backordered", 0L).append("picked", 0L)
                        .append("shipped", 0L).append("unitPrice", "9.99").append("currency", "EUR")))
                .append("status", "ALLOCATED").append("placedAt", java.util.Date.from(Instant.now()))
                .append("shipments", List.of(new Document("shipmentId", UUID.randomUUID().toString())
                        .append("warehouseId", "WH1").append("status", "RELEASED")))
                .append("position", (long) n);
    }

    // ---------------------------------------------------------------------------------------------- output

    private static void print(String key, int threads, long wallNanos, long cpuNanos, long[][] latencies, int[] done) {
        print(key, threads, wallNanos, cpuNanos, latencies, done, 1);
    }

    private static void print(String key, int threads, long wallNanos, long cpuNanos, long[][] latencies, int[] done,
                              int opsPerSample) {
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < latencies.length; t++) {
            System.arraycopy(latencies[t], 0, all, at, done[t]);
            at += done[t];
        }
        Arrays.sort(all);
        System.out.println(String.join("\t", "baseline", key, String.valueOf(threads),
                String.valueOf((long) total * opsPerSample), String.valueOf(wallNanos), String.valueOf(cpuNanos),
                String.valueOf(percentile(all, 50)), String.valueOf(percentile(all, 99)),
                String.valueOf(all.length == 0 ? 0 : all[all.length - 1])));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
