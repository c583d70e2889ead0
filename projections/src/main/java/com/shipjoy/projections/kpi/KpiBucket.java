package com.shipjoy.projections.kpi;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One UTC hour of one warehouse (or of all, {@code warehouseId} null): the counters of the events attributed to it
 * and the cycle times of the orders fully shipped in it ({@link CycleTimes}, null for none). {@code position}: the
 * last event applied to it, so an event delivered again is not added twice.
 */
@Document(ReadModelCollections.CURRENT + KpiBucket.COLLECTION + ReadModelCollections.END)
public record KpiBucket(@Id String id, String warehouseId, Instant hour, Map<KpiCounter, Long> counts,
                        byte[] cycleTimes, long position) {

    public static final String COLLECTION = "kpi_buckets";

    /** Read by id: mongo-java-server filters by a range only by scanning the collection. */
    public static String id(String warehouseId, Instant hour) {
        return KpiScope.of(warehouseId) + "@" + hour;
    }
}
