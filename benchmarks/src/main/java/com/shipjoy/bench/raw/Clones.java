package com.shipjoy.bench.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Grows a stopped server's event store of real events (what the harness's orders scenario and soak wrote) to N events
 * by appending copies of them, straight through H2 (a child JVM on the boot jar's classpath, like {@link History}),
 * so that the order-side read models can be replayed over a million events of the shapes and mix the service writes:
 * orders with their allocations, shipments, tasks, stock movements and returns. Copy {@code k} renames every
 * instance the events name (orders, external order ids, shipments, tasks, returns, receipts and skus get the suffix
 * {@code -c<k>}, aggregate identifiers with them), so each copy is a world of its own whose streams do not collide
 * with the others'; the warehouses, their bins and workers, the channels and customers are shared, and the
 * warehouses' own events are not copied. Timestamps and metadata are kept. The last copy stops at N.
 *
 * <p>The copies are events the command side's own processors (the order and fulfilment policies) must not act on
 * again: they already hold the outcomes those policies produced. Their tokens are therefore moved to the new head;
 * the read models' tokens are not, so the next start processes the copies like any new events (the catch-up).
 * The intake table that keeps orders unique per channel and external id is not filled for the copies.
 * Prints {@code clones TAB events TAB first-index TAB last-index TAB millis}.
 *
 * <pre>args: data-directory events</pre>
 */
public final class Clones {

    /** Payload fields (and arrays of them) that name an instance of their own in each copy. */
    static final Set<String> RENAMED = Set.of("orderId", "externalOrderId", "shipmentId", "taskId", "rmaId",
            "receiptId", "sku", "openShipments");
    /** Aggregate identifier prefixes of streams named by a renamed id; a stock's is {@code warehouse:sku}. */
    static final List<String> STREAMS = List.of("order#", "shipment#", "receipt#");
    static final int BATCH = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Clones() {
    }

    private record Row(String eventId, byte[] metadata, byte[] payload, String payloadRevision, String payloadType,
                       String timestamp, String aggregate, long sequence, String type) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]);
        String url = "jdbc:h2:async:" + dir.resolve("eventstore") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            long first = History.nextIndex(connection);
            long events = first - 1;
            // A store grown before (a kept data directory) is used as it is.
            List<Row> seed = events < target ? seed(connection) : List.of();
            if (events < target && seed.stream().allMatch(row -> "Warehouse".equals(row.type()))) {
                throw new IllegalStateException("no events to copy in " + dir);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry "
                    + "(global_index, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp, aggregate_identifier, sequence_number, type) VALUES (NEXT VALUE FOR "
                    + "event_global_index, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long pending = 0;
                for (int copy = 1; events < target; copy++) {
                    String suffix = "-c" + copy;
                    for (Iterator<Row> rows = seed.iterator(); rows.hasNext() && events < target; ) {
                        Row row = rows.next();
                        if ("Warehouse".equals(row.type())) {
                            continue;
                        }
                        String eventId = UUID.randomUUID().toString();
                        insert.setString(1, eventId);
                        insert.setBytes(2, row.metadata());
                        insert.setBytes(3, rename(row.payload(), suffix));
                        insert.setString(4, row.payloadRevision());
                        insert.setString(5, row.payloadType());
                        insert.setString(6, row.timestamp());
                        insert.setString(7, row.type() == null ? eventId : stream(row.aggregate(), suffix));
                        insert.setLong(8, row.sequence());
                        insert.setString(9, row.type());
                        insert.addBatch();
                        events++;
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            connection.commit();
                            pending = 0;
                        }
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            long last = History.nextIndex(connection) - 1;
            try (Statement statement = connection.createStatement()) {
                // The command side's policies already acted on what the copies hold: their tokens skip them.
                statement.executeUpdate("UPDATE token_entry SET token = CAST('{\"index\":" + last
                        + ",\"gaps\":[]}' AS VARBINARY), token_type = 'org.axonframework.eventhandling."
                        + "GapAwareTrackingToken' WHERE token IS NOT NULL");
                connection.commit();
                statement.execute("SHUTDOWN COMPACT");
            }
            System.out.println(String.join("\t", "clones", String.valueOf(events), String.valueOf(first),
                    String.valueOf(last), String.valueOf((System.nanoTime() - started) / 1_000_000)));
        }
    }

    private static List<Row> seed(Connection connection) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT event_identifier, meta_data, payload, "
                     + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type "
                     + "FROM domain_event_entry ORDER BY global_index")) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getBytes(2), result.getBytes(3), result.getString(4),
                        result.getString(5), result.getString(6), result.getString(7), result.getLong(8),
                        result.getString(9)));
            }
        }
        return rows;
    }

    static byte[] rename(byte[] payload, String suffix) throws Exception {
        JsonNode tree = JSON.readTree(payload);
        rename(tree, suffix);
        return JSON.writeValueAsBytes(tree);
    }

    private static void rename(JsonNode node, String suffix) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (RENAMED.contains(field.getKey()) && value.isTextual()) {
                    field.setValue(TextNode.valueOf(value.asText() + suffix));
                } else if (RENAMED.contains(field.getKey()) && value instanceof ArrayNode ids) {
                    for (int i = 0; i < ids.size(); i++) {
                        ids.set(i, TextNode.valueOf(ids.get(i).asText() + suffix));
                    }
                } else {
                    rename(value, suffix);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rename(element, suffix));
        }
    }

    /** The copy's aggregate identifier: the renamed instance's stream, or a stock's ({@code warehouse:sku}). */
    static String stream(String aggregate, String suffix) {
        if (STREAMS.stream().anyMatch(aggregate::startsWith) || aggregate.indexOf(':') > 0) {
            return aggregate + suffix;
        }
        throw new IllegalStateException("no rule to copy the stream " + aggregate);
    }
}
