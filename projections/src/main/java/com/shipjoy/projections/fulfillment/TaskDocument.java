package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.lang.Nullable;

/**
 * One pick task with when it was handed out: {@code orderPlacedAt} is its turn (oldest order first),
 * {@code assignedAt} when a worker took it, {@code completedAt} when it was confirmed.
 */
@Document(ReadModelCollections.CURRENT + TaskDocument.COLLECTION + ReadModelCollections.END)
public record TaskDocument(@Id String taskId, String shipmentId, String orderId, String warehouseId, String sku,
                           String location, long quantity, @Nullable Long pickedQuantity, TaskStatus status,
                           @Nullable String workerId, Instant orderPlacedAt, @Nullable Instant assignedAt,
                           @Nullable Instant completedAt) {

    public static final String COLLECTION = "tasks";
}
