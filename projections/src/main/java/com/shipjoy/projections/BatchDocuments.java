package com.shipjoy.projections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents of one read model a batch of events changes: the stored ones its events name read in one query when
 * it starts ({@link BatchReads}), each change kept in memory, and the changed documents replaced in one bulk write
 * (or removed) when it ends ({@link BatchWrites}). For read models whose handlers read a document by id, change it and store it.
 *
 * @param <D> the document type
 */
public final class BatchDocuments<D> {

    private final BatchReads<D> stored;
    private final Function<D, String> idOf;
    /** By id; null: removed. */
    private final Map<String, D> changed = new LinkedHashMap<>();

    private BatchDocuments(BatchReads<D> stored, Function<D, String> idOf) {
        this.stored = stored;
        this.idOf = idOf;
    }

    /**
     * A processor's batches of {@code type} documents ({@code idOf}: a document's id), each starting with the stored
     * documents {@code ids} names for the batch's events.
     */
    public static <D> BatchWrites<BatchDocuments<D>> of(MongoTemplate mongo, Class<D> type, Function<D, String> idOf,
                                                        Function<List<? extends EventMessage<?>>, Set<String>> ids) {
        return BatchWrites.startingFrom(events -> new BatchDocuments<>(new BatchReads<>(mongo, type, ids.apply(events),
                idOf), idOf), documents -> documents.write(mongo, type));
    }

    /** The document with {@code id} as the batch has left it so far; null if there is none. */
    public D get(String id) {
        return changed.containsKey(id) ? changed.get(id) : stored.get(id);
    }

    /** Stores {@code document} when the batch ends, replacing the one with its id. */
    public void put(D document) {
        changed.put(idOf.apply(document), document);
    }

    /** Removes the document with {@code id} when the batch ends (nothing if there is none). */
    public void remove(String id) {
        changed.put(id, null);
    }

    /** The documents the batch has changed so far, not those it removed. */
    public List<D> changed() {
        return changed.values().stream().filter(Objects::nonNull).toList();
    }

    private void write(MongoTemplate mongo, Class<D> type) {
        if (changed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        changed.forEach((id, document) -> {
            if (document == null) {
                bulk.remove(Query.query(Criteria.where("_id").is(id)));
            } else {
                bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), document,
                        FindAndReplaceOptions.options().upsert());
            }
        });
        bulk.execute();
    }
}
