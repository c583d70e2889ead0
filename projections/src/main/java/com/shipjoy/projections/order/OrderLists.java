package com.shipjoy.projections.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
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
import java.util.HashMap;
import java.util.HashSet;
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
    /** Buckets per write of {@link #rebuild}. */
    private static final int REBUILD_WRITES = 200;

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

        /**
         * Epoch milliseconds in 13 digits, a space, the order id: sorts as (placedAt, orderId). Padded by hand: a
         * bucket's write encodes 400 entries, and {@code String.format} took a fifth of a replay's projection thread.
         */
        String encoded() {
            long millis = placedAt.toEpochMilli();
            if (millis < 0) {
                return String.format("%013d %s", millis, orderId);
            }
            String digits = Long.toString(millis);
            return "0".repeat(Math.max(0, 13 - digits.length())) + digits + " " + orderId;
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
        return order == null ? new LinkedHashSet<>() : keys(order.status(), order.channel(),
                order.lines().stream().map(OrderDocument.Line::sku).toList(), order.customer().customerId());
    }

    private static Set<String> keys(OrderStatus orderStatus, String channel, List<String> skus, String customerId) {
        Set<String> keys = new LinkedHashSet<>();
        for (OrderStatus status : new OrderStatus[] {null, orderStatus}) {
            keys.add(key(status, null, null));
            keys.add(key(status, channel, null));
        }
        skus.forEach(sku -> keys.add(key(null, null, sku)));
        keys.add(customerKey(customerId));
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

    /** An order's entry leaving the lists of {@code before} for those of {@code after} (either may be null). */
    record Move(OrderDocument before, OrderDocument after) {
    }

    /** An entry added to or removed from one list. */
    private record Edit(Entry entry, boolean add) {
    }

    /**
     * Applies a batch of orders' moves: the lists they touch are read once (the directories in one query, the buckets
     * their entries fall in in another), changed in memory and written once each, so a replay writes a list's newest
     * bucket once per batch rather than once per order.
     */
    void change(Collection<Move> moves) {
        Map<String, List<Edit>> edits = new LinkedHashMap<>();
        for (Move move : moves) {
            Set<String> removeFrom = keys(move.before());
            Set<String> addTo = keys(move.after());
            Set<String> unchanged = new HashSet<>(removeFrom);
            unchanged.retainAll(addTo);
            removeFrom.removeAll(unchanged);
            addTo.removeAll(unchanged);
            OrderDocument order = move.after() != null ? move.after() : move.before();
            if (order == null) {
                continue;
            }
            Entry entry = new Entry(order.placedAt(), order.orderId());
            removeFrom.forEach(key -> edits.computeIfAbsent(key, k -> new ArrayList<>()).add(new Edit(entry, false)));
            addTo.forEach(key -> edits.computeIfAbsent(key, k -> new ArrayList<>()).add(new Edit(entry, true)));
        }
        if (edits.isEmpty()) {
            return;
        }
        Map<String, Directory> directories = new HashMap<>();
        directories(mongo, edits.keySet()).forEach(directory -> directories.put(directory.key(), directory));
        Set<String> bucketIds = new LinkedHashSet<>();
        edits.forEach((key, entries) -> {
            Directory directory = directories.get(key);
            if (directory != null && !directory.buckets().isEmpty()) {
                entries.forEach(edit -> bucketIds.add(bucketId(key,
                        directory.buckets().get(routeOrLast(directory.buckets(), edit.entry())).n())));
            }
        });
        Map<String, BucketDocument> loaded = buckets(mongo, bucketIds);
        Writes writes = new Writes();
        edits.forEach((key, entries) -> {
            ListEdit list = new ListEdit(key, directories.get(key), loaded);
            entries.forEach(edit -> {
                if (edit.add()) {
                    list.add(edit.entry());
                } else {
                    list.remove(edit.entry());
                }
            });
            list.finish(writes);
        });
        writes.execute(mongo);
    }

    /** The bucket an entry is added to: its route, or the oldest bucket for an entry older than all of them. */
    private static int routeOrLast(List<Bucket> buckets, Entry entry) {
        int i = route(buckets, entry);
        return i < 0 ? buckets.size() - 1 : i;
    }

    /** One list during a batch: its buckets as the batch changes them, each read at its first use. */
    private final class ListEdit {

        private final String key;
        /** As stored before the batch; null for a new list. */
        private final Directory stored;
        private final Map<String, BucketDocument> loaded;
        private final List<Bucket> buckets;
        /** The entries of the buckets read or changed, by bucket number. */
        private final Map<Integer, List<Entry>> entries = new HashMap<>();
        private int next;

        ListEdit(String key, Directory stored, Map<String, BucketDocument> loaded) {
            this.key = key;
            this.stored = stored;
            this.loaded = loaded;
            this.buckets = stored == null ? new ArrayList<>() : new ArrayList<>(stored.buckets());
            this.next = stored == null ? 0 : stored.next();
        }

        /** Bucket i's entries within its bounds, read at its first use (the bounds are still the stored ones then). */
        private List<Entry> entries(int i) {
            return entries.computeIfAbsent(buckets.get(i).n(), n -> {
                String id = bucketId(key, n);
                BucketDocument document = loaded.containsKey(id) ? loaded.get(id) : buckets(mongo, List.of(id)).get(id);
                return new ArrayList<>(within(buckets, i, document));
            });
        }

        void add(Entry entry) {
            if (buckets.isEmpty()) {
                int n = next++;
                buckets.add(new Bucket(n, 1, entry, entry));
                entries.put(n, new ArrayList<>(List.of(entry)));
                return;
            }
            int i = routeOrLast(buckets, entry);
            Bucket bucket = buckets.get(i);
            List<Entry> list = entries(i);
            int at = Collections.binarySearch(list, entry, NEWEST_FIRST);
            if (at < 0) {
                at = -at - 1;
                list.add(at, entry);
            }
            Entry newest = NEWEST_FIRST.compare(entry, bucket.newest()) < 0 ? entry : bucket.newest();
            Entry oldest = NEWEST_FIRST.compare(entry, bucket.oldest()) > 0 ? entry : bucket.oldest();
            if (list.size() <= capacity) {
                buckets.set(i, new Bucket(bucket.n(), list.size(), newest, oldest));
                return;
            }
            // Full: new orders arrive at the newest end, so a newest entry starts a bucket of its own and the full one
            // stays full; anywhere else the newer half moves to a new bucket.
            int split = i == 0 && at == 0 ? 1 : list.size() / 2;
            List<Entry> newer = new ArrayList<>(list.subList(0, split));
            List<Entry> older = new ArrayList<>(list.subList(split, list.size()));
            int n = next++;
            entries.put(n, newer);
            entries.put(bucket.n(), older);
            buckets.set(i, new Bucket(bucket.n(), older.size(), older.get(0), oldest));
            buckets.add(i, new Bucket(n, newer.size(), newest, newer.get(newer.size() - 1)));
        }

        void remove(Entry entry) {
            int i = route(buckets, entry);
            if (i < 0) {
                return;
            }
            Bucket bucket = buckets.get(i);
            List<Entry> list = entries(i);
            list.remove(entry);
            if (list.isEmpty()) {
                buckets.remove(i);
            } else {
                buckets.set(i, new Bucket(bucket.n(), list.size(), bucket.newest(), bucket.oldest()));
            }
        }

        /**
         * The list's writes, each in the phase that keeps every prefix of the batch's writes readable: a bucket whose
         * bounds a split narrowed still holds, for the stored directory, the entries that moved to the new bucket
         * until the directory is written; every other changed bucket is written before the directory.
         */
        void finish(Writes writes) {
            Map<Integer, Bucket> before = new HashMap<>();
            if (stored != null) {
                stored.buckets().forEach(bucket -> before.put(bucket.n(), bucket));
            }
            Set<Integer> kept = new HashSet<>();
            for (Bucket bucket : buckets) {
                kept.add(bucket.n());
                List<Entry> list = entries.get(bucket.n());
                if (list == null) {
                    continue;
                }
                BucketDocument after = new BucketDocument(bucketId(key, bucket.n()), List.copyOf(list));
                Bucket was = before.get(bucket.n());
                if (was == null) {
                    writes.created.add(after);
                } else if (NEWEST_FIRST.compare(bucket.newest(), was.newest()) > 0
                        || NEWEST_FIRST.compare(bucket.oldest(), was.oldest()) < 0) {
                    writes.shrunk.add(after);
                } else {
                    writes.bucket(loaded.get(after.id()), after);
                }
            }
            before.keySet().stream().filter(n -> !kept.contains(n)).forEach(n -> writes.deleted.add(bucketId(key, n)));
            writes.directory(stored, new Directory(key, next, List.copyOf(buckets)));
        }
    }

    void clear() {
        directoryCollection(mongo).deleteMany(new org.bson.Document());
        bucketCollection(mongo).deleteMany(new org.bson.Document());
    }

    /** What the lists need of a stored order. */
    private record Listed(Entry entry, OrderStatus status, String channel, List<String> skus, String customerId) {

        static Listed of(org.bson.Document order) {
            return new Listed(new Entry(order.getDate("placedAt").toInstant(), order.getString("_id")),
                    OrderStatus.valueOf(order.getString("status")), order.getString("channel"),
                    order.getList("lines", org.bson.Document.class).stream().map(line -> line.getString("sku"))
                            .toList(), order.get("customer", org.bson.Document.class).getString("customerId"));
        }
    }

    /** A list as {@link #rebuild} fills it, newest entries first: its closed buckets and the one it fills. */
    private final class Filling {

        private final String key;
        private final List<Bucket> buckets = new ArrayList<>();
        private List<Entry> open = new ArrayList<>();

        Filling(String key) {
            this.key = key;
        }

        /** Appends an entry older than every one before; a bucket that is full goes to {@code written}. */
        void add(Entry entry, List<org.bson.Document> written) {
            open.add(entry);
            if (open.size() == capacity) {
                close(written);
            }
        }

        void close(List<org.bson.Document> written) {
            if (!open.isEmpty()) {
                int n = buckets.size();
                buckets.add(new Bucket(n, open.size(), open.get(0), open.get(open.size() - 1)));
                written.add(new BucketDocument(bucketId(key, n), open).document());
                open = new ArrayList<>();
            }
        }

        Directory directory() {
            return new Directory(key, buckets.size(), buckets);
        }
    }

    /**
     * Builds every list from the orders as stored, for a replay's shadow, which leaves the lists out until then
     * ({@link OrderSummaryProjection}): event by event they rewrote each list's newest bucket and directory once per
     * batch, most of a replay's work. The orders are sorted newest first and each entry appended to the bucket its
     * lists are filling, a bucket written once full, the directories last. What the lists held is dropped first.
     */
    void rebuild() {
        clear();
        List<Listed> orders = new ArrayList<>();
        mongo.getCollection(ReadModelCollections.name(OrderDocument.COLLECTION)).find()
                .projection(Projections.include("placedAt", "status", "channel", "lines.sku", "customer.customerId"))
                .forEach(order -> orders.add(Listed.of(order)));
        orders.sort(Comparator.comparing(Listed::entry, NEWEST_FIRST));
        Map<String, Filling> lists = new HashMap<>();
        List<org.bson.Document> written = new ArrayList<>();
        for (Listed order : orders) {
            for (String key : keys(order.status(), order.channel(), order.skus(), order.customerId())) {
                lists.computeIfAbsent(key, Filling::new).add(order.entry(), written);
            }
            if (written.size() >= REBUILD_WRITES) {
                insert(written);
            }
        }
        lists.values().forEach(list -> list.close(written));
        insert(written);
        if (!lists.isEmpty()) {
            directoryCollection(mongo).insertMany(lists.values().stream().map(list -> list.directory().document())
                    .toList());
        }
    }

    /** Inserts the bucket documents {@link #rebuild} closed and forgets them. */
    private void insert(List<org.bson.Document> written) {
        if (!written.isEmpty()) {
            bucketCollection(mongo).insertMany(written);
            written.clear();
        }
    }

    /** A batch's writes, in the order that keeps every prefix of them readable (see the class comment). */
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
