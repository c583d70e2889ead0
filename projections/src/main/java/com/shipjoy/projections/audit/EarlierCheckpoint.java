package com.shipjoy.projections.audit;

import com.shipjoy.projections.ReadModelCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A {@code Stock}'s level at one of its earlier checkpoints; {@code _id} from {@link #id}. */
@Document(ReadModelCollections.CURRENT + EarlierCheckpoint.COLLECTION + ReadModelCollections.END)
public record EarlierCheckpoint(@Id String id, Checkpoint checkpoint) {

    public static final String COLLECTION = "stock_checkpoint_history";

    /** {@code stockId}: the aggregate identifier ({@code WH:SKU}). */
    public static String id(String stockId, long sequence) {
        return stockId + "@" + sequence;
    }
}
