package com.shipjoy.query;

import com.shipjoy.platform.web.Page;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** One page of a read model's documents. */
public final class Paging {

    private Paging() {
    }

    /** Page {@code page} (from 0) of {@code size} documents matching {@code query}, in {@code sort} order. */
    public static <T> Page<T> find(MongoTemplate mongo, Query query, Sort sort, int page, int size, Class<T> type) {
        long total = mongo.count(query, type);
        if (beyondSkip(page, size)) {
            return new Page<>(List.of(), page, size, total);
        }
        query.with(sort).skip((long) page * size).limit(size);
        return new Page<>(mongo.find(query, type), page, size, total);
    }

    /**
     * The driver sends skip as an int: a larger one was truncated and wrapped (page 4294968 of 500 answered page 0's
     * items). No collection here holds that many documents, so such a page is empty.
     */
    public static boolean beyondSkip(int page, int size) {
        return (long) page * size > Integer.MAX_VALUE;
    }
}
