package com.shipjoy.bench.raw;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Pre-loads a history into a stopped server's event store, straight through H2 (a child JVM on the boot jar's
 * classpath, like {@link RawBaselines}), so that scenario (i) can measure what a long history costs: a million events
 * through HTTP would take hours at today's rates. The rows have the shape, sizes and keys of real ones (a ~170-byte
 * stock-movement payload, the actor's metadata, Axon's unique keys on event id and aggregate + sequence, the global
 * index from the store's own sequence): {@value #AGGREGATES} aggregates of {@code N / AGGREGATES} events each, spread
 * over the year before now. Their payload type is one no handler of the service knows, so the projections step over
 * them instead of filling the read models with skus nobody looks at; the read-model tokens therefore pass them once,
 * on the first start after the load. The store is compacted at the end, as the server's housekeeping keeps a live one
 * (a bulk load outruns it). Prints {@code history TAB events TAB first-index TAB last-index TAB millis}.
 *
 * <p>With {@code audit} (issue 12's audit figures, {@code AuditReads}), every tenth event instead belongs to one
 * {@code Stock}, {@value #AUDIT_SKU} in warehouse {@value #WAREHOUSE}: a receipt, then moves of one unit from A-01 to
 * A-02 (a tenth of the history, spread over all of it), and every tenth event from the fifth on is the one receipt of
 * a sku of its own ({@code LVL-…}, a tenth of the history in levels). These are real stock events, which the read
 * models and the audit checkpoints process like any.
 *
 * <pre>args: data-directory events [audit]</pre>
 */
public final class History {

    public static final int AGGREGATES = 10_000;
    static final int BATCH = 2_000;
    static final String PAYLOAD_TYPE = "com.shipjoy.bench.HistoricStockMovedEvent";
    public static final String AUDIT_SKU = "AUDIT-HOT";
    public static final String WAREHOUSE = "HIST";
    static final long AUDIT_RECEIVED = 1_000_000_000L;
    static final byte[] METADATA = "{\"actor\":\"history\"}".getBytes(StandardCharsets.UTF_8);

    private History() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        boolean audit = args.length > 2 && args[2].equals("audit");
        String url = "jdbc:h2:async:" + dir.resolve("eventstore") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        long started = System.nanoTime();
        long first;
        long last = 0;
        Instant end = Instant.now().minus(Duration.ofDays(1));
        Duration step = Duration.ofDays(365).dividedBy(Math.max(1, events));
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            first = nextIndex(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry "
                    + "(global_index, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp, aggregate_identifier, sequence_number, type) VALUES (NEXT VALUE FOR "
                    + "event_global_index, ?, ?, ?, NULL, ?, ?, ?, ?, 'Stock')")) {
                for (long i = 0; i < events; i++) {
                    Row row = audit && i % 10 == 0 ? hot(i / 10) : audit && i % 10 == 5 ? level(i / 10) : filler(i);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, METADATA);
                    insert.setBytes(3, row.payload().getBytes(StandardCharsets.UTF_8));
                    insert.setString(4, row.type());
                    insert.setString(5, end.minus(step.multipliedBy(events - i)).toString());
                    insert.setString(6, row.aggregate());
                    insert.setLong(7, row.sequence());
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0 || i + 1 == events) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            last = nextIndex(connection) - 1;
            // A live store is kept compact by the server's housekeeping; bulk loading outruns it, so compact here.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        }
        System.out.println(String.join("\t", "history", String.valueOf(events), String.valueOf(first),
                String.valueOf(last), String.valueOf((System.nanoTime() - started) / 1_000_000)));
    }

    /** One event: payload type and JSON, aggregate identifier and sequence number. */
    private record Row(String type, String payload, String aggregate, long sequence) {
    }

    /** A stock movement of a type no handler knows: aggregate {@code i % AGGREGATES}. */
    private static Row filler(long i) {
        long sequence = i / AGGREGATES;
        String sku = String.format("HIST-%05d", (int) (i % AGGREGATES));
        return new Row(PAYLOAD_TYPE, "{\"stockId\":" + stockId(sku) + ",\"from\":\"A-01\",\"to\":\"A-02\","
                + "\"quantity\":1,\"fromQuantityAfter\":" + (100_000 - sequence) + ",\"toQuantityAfter\":"
                + sequence + ",\"reason\":\"history\"}", WAREHOUSE + ":" + sku, sequence);
    }

    /** The audited sku's event {@code sequence}: its receipt, then moves of one unit from. */
    private static Row hot(long sequence) {
        if (sequence == 0) {
            return received(AUDIT_SKU, AUDIT_RECEIVED);
        }
        return new Row("com.shipjoy.events.stock.StockMovedEvent", "{\"stockId\":" + stockId(AUDIT_SKU)
                + ",\"from\":\"A-01\",\"to\":\"A-02\",\"quantity\":1,\"fromQuantityAfter\":"
                + (AUDIT_RECEIVED - sequence) + ",\"toQuantityAfter\":" + sequence + ",\"onHandAfter\":"
                + AUDIT_RECEIVED + ",\"reservedAfter\":0}", WAREHOUSE + ":" + AUDIT_SKU, sequence);
    }

    /** The one receipt of level {@code n}. */
    private static Row level(long n) {
        return received(String.format("LVL-%07d", n), 1 + n % 100);
    }

    private static Row received(String sku, long quantity) {
        return new Row("com.shipjoy.events.stock.StockReceivedEvent", "{\"stockId\":" + stockId(sku)
                + ",\"receiptId\":\"H-" + sku + "\",\"line\":0,\"location\":\"A-01\",\"quantity\":" + quantity
                + ",\"locationQuantityAfter\":" + quantity + ",\"onHandAfter\":" + quantity
                + ",\"reservedAfter\":0}", WAREHOUSE + ":" + sku, 0);
    }

    private static String stockId(String sku) {
        return "{\"sku\":\"" + sku + "\",\"warehouseId\":\"" + WAREHOUSE + "\"}";
    }

    static long nextIndex(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet next = statement.executeQuery("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES "
                     + "WHERE SEQUENCE_NAME = 'EVENT_GLOBAL_INDEX'")) {
            next.next();
            return next.getLong(1);
        }
    }
}
