package com.shipjoy.projections.audit;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The audit checkpoints of one sku: per warehouse whose {@code Stock} of it has movements, its level now and where its
 * earlier checkpoints are ({@link EarlierCheckpoint}, one every {@code shipjoy.audit.checkpoint-interval} sequence
 * numbers). Read by {@code _id} only.
 */
@Document(ReadModelCollections.CURRENT + StockCheckpoints.COLLECTION + ReadModelCollections.END)
public record StockCheckpoints(@Id String sku, List<Stock> warehouses) {

    public static final String COLLECTION = "stock_checkpoints";

    /**
     * One {@code Stock}: {@code firstPosition} is the event-store position of its first movement (null if not known),
     * {@code current} its level after the newest movement applied, {@code earlier} its earlier checkpoints, oldest
     * first.
     */
    public record Stock(String warehouseId, Long firstPosition, Checkpoint current, List<Mark> earlier) {
    }

    /** Where an earlier checkpoint is: its sequence number and the newest stamp among its movements. */
    public record Mark(long sequence, Instant timestamp) {
    }
}
