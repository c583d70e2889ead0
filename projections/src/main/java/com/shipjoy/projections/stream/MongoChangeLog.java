package com.shipjoy.projections.stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The change log in collection {@code stream_changes}, one document per change with {@code _id} =
 * {@code <view>:<position>}, and one {@code <view>:kept-from} per view. Every read and delete is by {@code _id}
 * equality or {@code $in} over the positions of a range (mongo-java-server uses an index for nothing else, not even
 * an {@code _id} range), {@value #CHUNK} positions at a time; positions have no gaps worth speaking of, so a range
 * costs about one lookup per position.
 */
@Component
class MongoChangeLog implements ChangeLog {

    static final String COLLECTION = "stream_changes";
    private static final int CHUNK = 1000;

    private final MongoTemplate mongo;
    /** Views whose log has its start recorded (see {@link #write}). */
    private final Set<View> started = ConcurrentHashMap.newKeySet();

    MongoChangeLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void write(View view, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Change change : changes) {
            bulk.upsert(Query.query(where("_id").is(id(view, change.position()))), new Update()
                    .set("position", change.position()).set("key", change.key())
                    .set("scopes", change.scopes()).set("json", change.json()));
        }
        bulk.execute();
        // Where the entries begin: on a store with a long history (or one that had no streams yet) the first
        // trim would otherwise look up every position of that history, on the projection's thread.
        if (started.add(view)) {
            mongo.upsert(Query.query(where("_id").is(keptFromId(view))), new Update().setOnInsert("position", 0L)
                    .setOnInsert("first", changes.get(0).position()), COLLECTION);
        }
    }

    @Override
    public List<Change> read(View view, long from, long to, String key) {
        List<Change> changes = new ArrayList<>();
        for (long start = from; start <= to; start += CHUNK) {
            Query query = Query.query(where("_id").in(ids(view, start, Math.min(to + 1, start + CHUNK))));
            if (key != null) {
                query.addCriteria(where("key").is(key));
            }
            for (Document entry : mongo.find(query, Document.class, COLLECTION)) {
                changes.add(new Change(entry.getLong("position"), entry.getString("key"),
                        entry.getList("scopes", String.class), entry.getString("json")));
            }
        }
        changes.sort(Comparator.comparingLong(Change::position));
        return changes;
    }

    @Override
    public long keptFrom(View view) {
        Document kept = mongo.findById(keptFromId(view), Document.class, COLLECTION);
        return kept == null ? 0 : kept.getLong("position");
    }

    /** The bound moves first: a crash between the two steps leaves entries behind, never a gap it does not admit. */
    @Override
    public void trimBelow(View view, long position) {
        Document kept = mongo.findById(keptFromId(view), Document.class, COLLECTION);
        long bound = kept == null ? 0 : kept.getLong("position");
        if (position <= bound) {
            return;
        }
        // Nothing was logged below the first entry: no need to look there.
        long from = Math.max(bound, kept == null || kept.get("first") == null ? 0 : kept.getLong("first"));
        mongo.upsert(Query.query(where("_id").is(keptFromId(view))), Update.update("position", position), COLLECTION);
        for (long start = from; start < position; start += CHUNK) {
            mongo.remove(Query.query(where("_id").in(ids(view, start, Math.min(position, start + CHUNK)))),
                    COLLECTION);
        }
    }

    /** Ids of positions {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<String> ids(View view, long from, long to) {
        return LongStream.range(from, to).mapToObj(position -> id(view, position)).toList();
    }

    private static String id(View view, long position) {
        return view.name().toLowerCase() + ":" + position;
    }

    private static String keptFromId(View view) {
        return view.name().toLowerCase() + ":kept-from";
    }
}
