package com.shipjoy.projections.fulfillment;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One confirmed pick task as labor: who did it, in which warehouse, how many units, how long it took (from
 * assignment to confirmation, never negative), whether it was a short pick (1) or not (0) and when it was confirmed
 * (what a window selects). One document per task, so a confirmation delivered twice counts once; the per-worker
 * figures are added up per hour in {@link LaborHour}.
 */
@Document(ReadModelCollections.CURRENT + LaborDocument.COLLECTION + ReadModelCollections.END)
public record LaborDocument(@Id String taskId, String warehouseId, String workerId, long unitsPicked,
                            long activeMillis, long shortPicks, Instant confirmedAt) {

    public static final String COLLECTION = "labor";
}
