package com.shipjoy.projections.ledger;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.lang.Nullable;

/**
 * One stock movement of the ledger, keyed by the position of the event that caused it. {@code quantity} is always
 * positive and {@code type} gives the direction; for ADJUSTED, compare {@code onHandAfter} with the entry before.
 */
@Document(ReadModelCollections.CURRENT + MovementDocument.COLLECTION + ReadModelCollections.END)
public record MovementDocument(@Id long position, Instant timestamp, String sku, String warehouseId, String type,
                               long quantity, @Nullable String location, @Nullable String toLocation,
                               @Nullable String reference, long onHandAfter, long reservedAfter,
                               @Nullable String actor) {

    public static final String COLLECTION = "stock_movements";
}
