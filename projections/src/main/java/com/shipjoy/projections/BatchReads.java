package com.shipjoy.projections;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The stored documents a batch of events needs, read by {@code _id} in one query when the batch starts (see
 * {@link BatchWrites#startingFrom}) instead of one query per document: a replay
 * meets most documents for the first time, each a round trip of its own before. An id the batch did not name is read
 * alone.
 *
 * @param <D> the document type
 */
public final class BatchReads<D> {

    private final MongoTemplate mongo;
    private final Class<D> type;
    private final Set<String> read;
    private final Map<String, D> found = new HashMap<>();

    /** Reads the documents of {@code type} with the {@code ids} ({@code idOf}: a document's id). */
    public BatchReads(MongoTemplate mongo, Class<D> type, Set<String> ids, Function<D, String> idOf) {
        this.mongo = mongo;
        this.type = type;
        this.read = ids;
        if (!ids.isEmpty()) {
            mongo.find(Query.query(where("_id").in(ids)), type).forEach(document ->
                    found.put(idOf.apply(document), document));
        }
    }

    /** The stored document with {@code id}; null if there is none. */
    public D get(String id) {
        return read.contains(id) ? found.get(id) : mongo.findById(id, type);
    }
}
