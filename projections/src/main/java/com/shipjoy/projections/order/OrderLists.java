package com.shipjoy.projections.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The order lists behind {@code GET /api/orders} and the customer view: lists of {@code (placedAt, orderId)},
 * newest first, of all orders, per status, per channel, per status and channel, per sku and per customer (see
 * {@link #keys}), so that a search reads a bounded number of documents by {@code _id}. mongo-java-server ignores
 * non-unique indexes and sorts every match in memory (see docs/architecture.md, Read models), so
 * the lists are kept as documents:
 * <ul>
 * <li>{@code order_lists}: one {@link Directory} per list, its buckets newest first, each with its count and its
 * bounds (newest and oldest entry). The bounds of the buckets never overlap, and a bucket holds exactly the entries
 * of its document within its own bounds: entries outside them (left by a crash between two writes) are ignored.
 * An entry between two buckets belongs to the older one, whose bound then moves.</li>
 * <li>{@code order_list_buckets}: at most {@link #CAPACITY} entries each (by default), newest first.</li>
 * </ul>
 * A total is the sum of the counts; a page reads the directory and the one or two buckets it falls in. Entries are
 * added and removed as sets (adding a present entry or removing an absent one changes nothing), so events delivered
 * again change nothing. Writes go in an order that a crash cannot tear: new buckets, then changed buckets, then the
 * directory, then buckets shrunk by a split; each count is recomputed from its bucket whenever the list is touched.
 * The projection is this model's only writer (one segment), which the read-modify-write relies on.
 */
public final class OrderLists {

    public static final String DIRECTORIES = "order_lists";
    public static final String BUCKETS = "order_list_buckets";
    static final int CAPACITY = 400;

    /** Newest first: placedAt descending (as stored, to the millisecond), then orderId descending. */
    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::placedAt).reversed()
            .thenComparing(Comparator.comparing(Entry::orderId).reversed());

    /**
     * Stored as {@code {_id: key, next, n: [..], count: [..], newest: [..], oldest: [..]}} (one array element per
     * bucket, entries {@link Entry#encoded() encoded}): plain arrays, because mapping hundreds of nested objects per
     * write cost more than the database itself.
     */
    record Directory(String key, int next, List<Bucket> buckets) {

        static Directory of(org.bson.Document document) {
            List<Integer> n = document.getList("n", Integer.class);
            List<Integer> count = document.getList("count", Integer.class);
            List<String> newest = document.getList("newest", String.class);
            List<String> oldest = document.getList("oldest", String.class);
            List<Bucket> buckets = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                buckets.add(new Bucket(n.get(i), count.get(i), Entry.decode(newest.get(i)),
                        Entry.decode(oldest.get(i))));
            }
            return new Directory(document.getString("_id"), document.getInteger("next"), buckets);
        }

        org.bson.Document document() {
            return new org.bson.Document("_id", key).append("next", next)
                    .append("n", buckets.stream().map(Bucket::n).toList())
                    .append("count", buckets.stream().map(Bucket::count).toList())
                    .append("newest", buckets.stream().map(b -> b.newest().encoded()).toList())
                    .append("oldest", buckets.stream().map(b -> b.oldest().encoded()).toList());
        }
    }

    /** {@code n} numbers the bucket within its list; its entries lie between {@code newest} and {@code oldest}. */
    record Bucket(int n, int count, Entry newest, Entry oldest) {
    }

    /** Stored as {@code {_id: id, entries: [..]}}, entries {@link Entry#encoded() encoded}, newest first. */
    record BucketDocument(String id, List<Entry> entries) {

        static BucketDocument of(org.bson.Document document) {
            return new BucketDocument(document.getString("_id"),
                    document.getList("entries", String.class).stream().map(Entry::decode).toList());
        }

        org.bson.Document document() {
            return new org.bson.Document("_id", id).append("entries", entries.stream().map(Entry::encoded).toList());
        }
    }

    record Entry(Instant placedAt, String orderId) {

        Entry {
            placedAt = placedAt.truncatedTo(ChronoUnit.MILLIS);
        }

        /** Epoch milliseconds in 13 digits, a space, the order id: sorts as (placedAt, orderId). */
        String encoded() {
            return String.format("%013d %s", placedAt.toEpochMilli(), orderId);
        }

        static Entry decode(String encoded) {
            return new Entry(Instant.ofEpochMilli(Long.parseLong(encoded, 0, 13, 10)), encoded.substring(14));
        }
    }

    private static MongoCollection<org.bson.Document> directoryCollection(MongoTemplate mongo) {
        return mongo.getCollection(ReadModelCollections.name(DIRECTORIES));
    }

    private static MongoCollection<org.bson.Document> bucketCollection(MongoTemplate mongo) {
        return mongo.getCollection(ReadModelCollections.name(BUCKETS));
    }

    /** The lists' directories with these keys. */
    static List<Directory> directories(MongoTemplate mongo, Collection<String> keys) {
        List<Directory> found = new ArrayList<>();
        directoryCollection(mongo).find(Filters.in("_id", keys)).forEach(d -> found.add(Directory.of(d)));
        return found;
    }

    /** The buckets with these ids, by id. */
    static Map<String, BucketDocument> buckets(MongoTemplate mongo, Collection<String> ids) {
        Map<String, BucketDocument> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            bucketCollection(mongo).find(Filters.in("_id", ids)).forEach(d -> {
                BucketDocument bucket = BucketDocument.of(d);
                found.put(bucket.id(), bucket);
            });
        }
        return found;
    }

    static String bucketId(String key, int n) {
        return key + "#" + n;
    }

    /** The list of orders with the given status, channel and sku (each {@code null} for any; see {@link #keys}). */
    static String key(OrderStatus status, String channel, String sku) {
        List<String> parts = new ArrayList<>(3);
        if (status != null) {
            parts.add("s=" + status);
        }
        if (channel != null) {
            parts.add("c=" + channel);
        }
        if (sku != null) {
            parts.add("k=" + sku);
        }
        return parts.isEmpty() ? "all" : String.join("|", parts);
    }

    static String customerKey(String customerId) {
        return "u=" + customerId;
    }

    /**
     * Every list the order belongs to: all orders, its status, its channel, its status and channel, each of its
     * skus, its customer. A status change moves the order between two lists of each status kind and touches no
     * sku list, so even an order of 500 lines changes status in four lists.
     */
    static Set<String> keys(OrderDocument order) {
        Set<String> keys = new LinkedHashSet<>();
        if (order == null) {
            return keys;
        }
        for (OrderStatus status : new OrderStatus[] {null, order.status()}) {
            keys.add(key(status, null, null));
            keys.add(key(status, order.channel(), null));
        }
        for (OrderDocument.Line line : order.lines()) {
            keys.add(key(null, null, line.sku()));
        }
        keys.add(customerKey(order.customer().customerId()));
        return keys;
    }

    /**
     * The bucket an entry belongs to: the first whose oldest entry is not newer than it, or -1 if it is older than
     * every bucket's.
     */
    private static int route(List<Bucket> buckets, Entry entry) {
        for (int i = 0; i < buckets.size(); i++) {
            if (NEWEST_FIRST.compare(entry, buckets.get(i).oldest()) <= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A bucket's entries within its bounds, newest first. */
    static List<Entry> within(List<Bucket> buckets, int i, BucketDocument document) {
        if (document == null) {
            return List.of();
        }
        Bucket bucket = buckets.get(i);
        return document.entries().stream()
                .filter(e -> NEWEST_FIRST.compare(bucket.newest(), e) <= 0
                        && NEWEST_FIRST.compare(e, bucket.oldest()) <= 0)
                .sorted(NEWEST_FIRST).distinct().toList();
    }

    private final MongoTemplate mongo;
    private final int capacity;

    OrderLists(MongoTemplate mongo, int capacity) {
        this.mongo = mongo;
        this.capacity = capacity;
    }

    /** Moves the order's entry from the lists of {@code before} to those of {@code after} (either may be null). */
    void change(OrderDocument before, OrderDocument after) {
        Set<String> removeFrom = keys(before);
        Set<String> addTo = keys(after);
        Set<String> unchanged = new LinkedHashSet<>(removeFrom);
        unchanged.retainAll(addTo);
        removeFrom.removeAll(unchanged);
        addTo.removeAll(unchanged);
        if (removeFrom.isEmpty() && addTo.isEmpty()) {
            return;
        }
        OrderDocument order = after != null ? after : before;
        Entry entry = new Entry(order.placedAt(), order.orderId());
        Set<String> touched = new LinkedHashSet<>(removeFrom);
        touched.addAll(addTo);
        Map<String, Directory> directories = new LinkedHashMap<>();
        for (Directory directory : directories(mongo, touched)) {
            directories.put(directory.key(), directory);
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        List<String> bucketIds = new ArrayList<>();
        for (String key : touched) {
            Directory directory = directories.get(key);
            int i = directory == null || directory.buckets().isEmpty() ? -1 : route(directory.buckets(), entry);
            if (i < 0 && directory != null && !directory.buckets().isEmpty() && addTo.contains(key)) {
                i = directory.buckets().size() - 1;
            }
            routes.put(key, i);
            if (i >= 0) {
                bucketIds.add(bucketId(key, directory.buckets().get(i).n()));
            }
        }
        Map<String, BucketDocument> loaded = buckets(mongo, bucketIds);
        Writes writes = new Writes();
        for (String key : touched) {
            Directory directory = directories.get(key);
            int i = routes.get(key);
            if (addTo.contains(key)) {
                add(key, directory, i, loaded, entry, writes);
            } else if (i >= 0) {
                remove(key, directory, i, loaded, entry, writes);
            }
        }
        writes.execute(mongo);
    }

    private void add(String key, Directory directory, int i, Map<String, BucketDocument> loaded, Entry entry,
                            Writes writes) {
        if (directory == null || i < 0) {
            int n = directory == null ? 0 : directory.next();
            writes.created.add(new BucketDocument(bucketId(key, n), List.of(entry)));
            writes.directories.add(new Directory(key, n + 1, List.of(new Bucket(n, 1, entry, entry))));
            return;
        }
        List<Bucket> buckets = new ArrayList<>(directory.buckets());
        Bucket bucket = buckets.get(i);
        String id = bucketId(key, bucket.n());
        List<Entry> entries = new ArrayList<>(within(buckets, i, loaded.get(id)));
        int at = Collections.binarySearch(entries, entry, NEWEST_FIRST);
        if (at < 0) {
            at = -at - 1;
            entries.add(at, entry);
        }
        Entry newest = NEWEST_FIRST.compare(entry, bucket.newest()) < 0 ? entry : bucket.newest();
        Entry oldest = NEWEST_FIRST.compare(entry, bucket.oldest()) > 0 ? entry : bucket.oldest();
        if (entries.size() <= capacity) {
            writes.bucket(loaded.get(id), new BucketDocument(id, entries));
            buckets.set(i, new Bucket(bucket.n(), entries.size(), newest, oldest));
            writes.directory(directory, new Directory(key, directory.next(), buckets));
            return;
        }
        // Full: new orders arrive at the newest end, so a newest entry starts a bucket of its own and the full one
        // stays full; anywhere else the newer half moves to a new bucket.
        int split = i == 0 && at == 0 ? 1 : entries.size() / 2;
        List<Entry> newer = List.copyOf(entries.subList(0, split));
        List<Entry> older = List.copyOf(entries.subList(split, entries.size()));
        int n = directory.next();
        writes.created.add(new BucketDocument(bucketId(key, n), newer));
        buckets.set(i, new Bucket(bucket.n(), older.size(), older.get(0), oldest));
        buckets.add(i, new Bucket(n, newer.size(), newest, newer.get(newer.size() - 1)));
        writes.directories.add(new Directory(key, n + 1, buckets));
        writes.shrunk.add(new BucketDocument(id, older));
    }

    private static void remove(String key, Directory directory, int i, Map<String, BucketDocument> loaded,
                               Entry entry, Writes writes) {
        List<Bucket> buckets = new ArrayList<>(directory.buckets());
        Bucket bucket = buckets.get(i);
        String id = bucketId(key, bucket.n());
        List<Entry> entries = new ArrayList<>(within(buckets, i, loaded.get(id)));
        entries.remove(entry);
        if (entries.isEmpty()) {
            buckets.remove(i);
            writes.directories.add(new Directory(key, directory.next(), buckets));
            writes.deleted.add(id);
            return;
        }
        writes.bucket(loaded.get(id), new BucketDocument(id, entries));
        buckets.set(i, new Bucket(bucket.n(), entries.size(), bucket.newest(), bucket.oldest()));
        writes.directory(directory, new Directory(key, directory.next(), buckets));
    }

    void clear() {
        directoryCollection(mongo).deleteMany(new org.bson.Document());
        bucketCollection(mongo).deleteMany(new org.bson.Document());
    }

    /** One change's writes, in the order that keeps every prefix of them readable (see the class comment). */
    private static final class Writes {

        final List<BucketDocument> created = new ArrayList<>();
        final List<BucketDocument> changed = new ArrayList<>();
        final List<Directory> directories = new ArrayList<>();
        final List<BucketDocument> shrunk = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        void bucket(BucketDocument before, BucketDocument after) {
            if (before == null || !after.entries().equals(before.entries())) {
                changed.add(after);
            }
        }

        void directory(Directory before, Directory after) {
            if (!after.equals(before)) {
                directories.add(after);
            }
        }

        /** Few round trips: an order of 500 lines is placed into about 505 lists. */
        void execute(MongoTemplate mongo) {
            List<BucketDocument> first = new ArrayList<>(created);
            first.addAll(changed);
            replace(bucketCollection(mongo), first.stream().map(BucketDocument::document).toList());
            replace(directoryCollection(mongo), directories.stream().map(Directory::document).toList());
            replace(bucketCollection(mongo), shrunk.stream().map(BucketDocument::document).toList());
            if (!deleted.isEmpty()) {
                bucketCollection(mongo).deleteMany(Filters.in("_id", deleted));
            }
        }

        private static void replace(MongoCollection<org.bson.Document> collection,
                                    List<org.bson.Document> documents) {
            if (!documents.isEmpty()) {
                collection.bulkWrite(documents.stream().map(d -> new ReplaceOneModel<>(Filters.eq("_id",
                        d.get("_id")), d, new ReplaceOptions().upsert(true))).toList());
            }
        }
    }
}
