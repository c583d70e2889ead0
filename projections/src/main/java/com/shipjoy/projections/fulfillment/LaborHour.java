package com.shipjoy.projections.fulfillment;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The labor of one warehouse in one UTC hour (of the tasks' confirmations), per worker: a window adds up its hours'
 * documents, read by id, instead of every task it holds. {@code position}: the last event added, so an event
 * delivered again is not added twice.
 */
@Document(ReadModelCollections.CURRENT + LaborHour.COLLECTION + ReadModelCollections.END)
public record LaborHour(@Id String id, String warehouseId, Instant hour, List<Worker> workers, long position) {

    public static final String COLLECTION = "labor_hours";

    /** Read by id: mongo-java-server filters by a range only by scanning the collection. */
    public static String id(String warehouseId, Instant hour) {
        return warehouseId + "@" + hour;
    }

    /** One worker's figures in the hour. */
    public record Worker(String workerId, long tasksCompleted, long unitsPicked, long activeMillis, long shortPicks) {

        /** The two figures added up (the worker id is this one's). */
        public Worker plus(Worker other) {
            return new Worker(workerId, tasksCompleted + other.tasksCompleted, unitsPicked + other.unitsPicked,
                    activeMillis + other.activeMillis, shortPicks + other.shortPicks);
        }
    }
}
