package com.shipjoy.projections.kpi;

import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.BatchReads;
import com.shipjoy.projections.stream.ChangeFeed;
import com.shipjoy.projections.stream.View;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The KPI documents one batch changed, each read once and written once when the batch ends. Every change names the
 * position of its event and is applied only to a document stored before that position: after a crash, the events
 * processed again add nothing to the documents that hold them already. Buckets and status counts are written before
 * the orders, so an order stored at a position means every other change of that event is stored too.
 */
final class KpiChanges {

    private final MongoTemplate mongo;
    private final ChangeFeed feed;
    private final BatchReads<KpiOrder> stored;
    private final Map<String, KpiOrder> orders = new LinkedHashMap<>();
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final Map<String, StatusCounts> statuses = new LinkedHashMap<>();

    /** {@code orderIds}: the orders the batch's events name, read in one query. */
    KpiChanges(MongoTemplate mongo, ChangeFeed feed, Set<String> orderIds) {
        this.mongo = mongo;
        this.feed = feed;
        this.stored = new BatchReads<>(mongo, KpiOrder.class, orderIds, order -> order.orderId);
    }

    /** The order's KPI state, null if it was never placed. */
    KpiOrder order(String orderId) {
        return orders.computeIfAbsent(orderId, id -> {
            KpiOrder stored = this.stored.get(id);
            if (stored != null) {
                stored.storedPosition = stored.position;
            }
            return stored;
        });
    }

    KpiOrder placed(String orderId) {
        KpiOrder order = new KpiOrder();
        order.orderId = orderId;
        order.storedPosition = -1;
        orders.put(orderId, order);
        return order;
    }

    /** Adds {@code amount} to a counter of the hour of {@code at} in {@code warehouseId} (null: overall). */
    void add(long position, String warehouseId, Instant at, KpiCounter counter, long amount) {
        Bucket bucket = bucket(warehouseId, at);
        if (bucket.storedPosition < position) {
            bucket.counts.merge(counter, amount, Long::sum);
            bucket.position = position;
        }
    }

    void cycleTime(long position, String warehouseId, Instant at, long millis) {
        Bucket bucket = bucket(warehouseId, at);
        if (bucket.storedPosition < position) {
            bucket.cycleTimes().recordValue(millis);
            bucket.position = position;
        }
    }

    /** Counts an order leaving status {@code from} (null: none) for {@code to} (null: none) in a warehouse. */
    void status(long position, String warehouseId, OrderStatus from, OrderStatus to) {
        StatusCounts counts = statuses.computeIfAbsent(KpiOpenOrders.id(warehouseId), id -> {
            KpiOpenOrders stored = mongo.findById(id, KpiOpenOrders.class);
            EnumMap<OrderStatus, Long> counted = new EnumMap<>(OrderStatus.class);
            if (stored == null) {
                return new StatusCounts(warehouseId, counted, -1);
            }
            counted.putAll(stored.counts());
            return new StatusCounts(warehouseId, counted, stored.position());
        });
        if (counts.storedPosition < position) {
            if (from != null) {
                counts.counts.merge(from, -1L, Long::sum);
            }
            if (to != null) {
                counts.counts.merge(to, 1L, Long::sum);
            }
            counts.position = position;
        }
    }

    private Bucket bucket(String warehouseId, Instant at) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        return buckets.computeIfAbsent(KpiBucket.id(warehouseId, hour), id -> {
            KpiBucket stored = mongo.findById(id, KpiBucket.class);
            EnumMap<KpiCounter, Long> counts = new EnumMap<>(KpiCounter.class);
            if (stored == null) {
                return new Bucket(id, warehouseId, hour, counts, null, -1);
            }
            counts.putAll(stored.counts());
            return new Bucket(id, warehouseId, hour, counts, stored.cycleTimes(), stored.position());
        });
    }

    void write() {
        if (buckets.values().stream().anyMatch(bucket -> bucket.position > bucket.storedPosition)) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, KpiBucket.class);
            buckets.values().stream().filter(bucket -> bucket.position > bucket.storedPosition)
                    .forEach(bucket -> bulk.replaceOne(Query.query(Criteria.where("_id").is(bucket.id)),
                            bucket.stored(), FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        statuses.values().stream().filter(counts -> counts.position > counts.storedPosition)
                .forEach(counts -> mongo.save(new KpiOpenOrders(KpiOpenOrders.id(counts.warehouseId),
                        counts.warehouseId, counts.counts, counts.position)));
        List<KpiOrder> changed = orders.values().stream()
                .filter(order -> order != null && order.position > order.storedPosition).toList();
        if (!changed.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, KpiOrder.class);
            changed.forEach(order -> bulk.replaceOne(Query.query(Criteria.where("_id").is(order.orderId)), order,
                    FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        publish();
    }

    /**
     * Tells the KPI streams which warehouses' documents (and '*', all of them) changed, at the batch's last event:
     * they compute the document again themselves, so the change carries no document.
     */
    private void publish() {
        Set<String> scopes = new TreeSet<>();
        buckets.values().stream().filter(bucket -> bucket.position > bucket.storedPosition)
                .forEach(bucket -> scopes.add(KpiScope.of(bucket.warehouseId)));
        statuses.values().stream().filter(counts -> counts.position > counts.storedPosition)
                .forEach(counts -> scopes.add(KpiScope.of(counts.warehouseId)));
        OptionalLong position = ChangeFeed.position();
        if (!scopes.isEmpty() && position.isPresent()) {
            feed.publish(View.KPIS, List.of(feed.change(position.getAsLong(), View.KPIS.event(),
                    List.copyOf(scopes), Map.of())));
        }
    }

    private static final class Bucket {
        final String id;
        final String warehouseId;
        final Instant hour;
        final EnumMap<KpiCounter, Long> counts;
        final long storedPosition;
        long position;
        byte[] stored;
        Histogram cycleTimes;

        Bucket(String id, String warehouseId, Instant hour, EnumMap<KpiCounter, Long> counts, byte[] stored,
               long position) {
            this.id = id;
            this.warehouseId = warehouseId;
            this.hour = hour;
            this.counts = counts;
            this.stored = stored;
            this.storedPosition = position;
            this.position = position;
        }

        /** Decoded at the first cycle time recorded in the batch. */
        Histogram cycleTimes() {
            if (cycleTimes == null) {
                cycleTimes = CycleTimes.decode(stored);
            }
            return cycleTimes;
        }

        KpiBucket stored() {
            return new KpiBucket(id, warehouseId, hour, counts,
                    cycleTimes != null ? CycleTimes.encode(cycleTimes) : stored, position);
        }
    }

    private static final class StatusCounts {
        final String warehouseId;
        final EnumMap<OrderStatus, Long> counts;
        final long storedPosition;
        long position;

        StatusCounts(String warehouseId, EnumMap<OrderStatus, Long> counts, long position) {
            this.warehouseId = warehouseId;
            this.counts = counts;
            this.storedPosition = position;
            this.position = position;
        }
    }
}
