package com.shipjoy.projections.order;

import com.shipjoy.projections.order.OrderLists.Bucket;
import com.shipjoy.projections.order.OrderLists.BucketDocument;
import com.shipjoy.projections.order.OrderLists.Directory;
import com.shipjoy.projections.order.OrderLists.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One order list ({@link OrderLists}) restricted to {@code placedAt} in {@code [from, to)}: the total from the
 * directory's counts, reading only the buckets that straddle a bound, and any slice of it reading only the buckets
 * it falls in. Bounded by the directory and a handful of buckets, whatever the number of orders.
 */
final class OrderListPage {

    private final MongoTemplate mongo;
    private final String key;
    private final Instant from;
    private final Instant to;
    private final List<Bucket> buckets;
    /** Per bucket: how many of its entries lie in the range (-1 until known). */
    private final long[] inRange;
    private final Map<Integer, List<Entry>> read = new HashMap<>();

    OrderListPage(MongoTemplate mongo, String key, Instant from, Instant to) {
        this.mongo = mongo;
        this.key = key;
        this.from = from;
        this.to = to;
        List<Directory> directory = OrderLists.directories(mongo, List.of(key));
        this.buckets = directory.isEmpty() ? List.of() : directory.get(0).buckets();
        this.inRange = new long[buckets.size()];
        List<Integer> straddling = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            if (inRange(bucket.newest()) && inRange(bucket.oldest())) {
                inRange[i] = bucket.count();
            } else if (from != null && bucket.newest().placedAt().isBefore(from)
                    || to != null && !bucket.oldest().placedAt().isBefore(to)) {
                inRange[i] = 0;
            } else {
                inRange[i] = -1;
                straddling.add(i);
            }
        }
        load(straddling);
        for (int i : straddling) {
            inRange[i] = read.get(i).size();
        }
    }

    long total() {
        long total = 0;
        for (long count : inRange) {
            total += count;
        }
        return total;
    }

    /** Entries {@code skip} to {@code skip + limit - 1} (newest first) of the range. */
    List<Entry> slice(long skip, int limit) {
        Map<Integer, Long> needed = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < buckets.size() && offset < skip + limit; i++) {
            if (inRange[i] > 0 && offset + inRange[i] > skip) {
                needed.put(i, offset);
            }
            offset += inRange[i];
        }
        load(needed.keySet().stream().filter(i -> !read.containsKey(i)).toList());
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Integer, Long> bucketAt : needed.entrySet()) {
            List<Entry> bucket = read.get(bucketAt.getKey());
            long start = bucketAt.getValue();
            int first = (int) Math.max(0, skip - start);
            int last = (int) Math.min(bucket.size(), skip + limit - start);
            entries.addAll(bucket.subList(first, Math.max(first, last)));
        }
        return entries;
    }

    /** Reads these buckets with one query; keeps their entries within the range. */
    private void load(List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        Map<String, Integer> byId = new HashMap<>();
        for (int i : indexes) {
            byId.put(OrderLists.bucketId(key, buckets.get(i).n()), i);
            read.put(i, List.of());
        }
        for (BucketDocument document : OrderLists.buckets(mongo, byId.keySet()).values()) {
            int i = byId.get(document.id());
            read.put(i, OrderLists.within(buckets, i, document).stream().filter(this::inRange).toList());
        }
    }

    private boolean inRange(Entry entry) {
        return (from == null || !entry.placedAt().isBefore(from)) && (to == null || entry.placedAt().isBefore(to));
    }
}
