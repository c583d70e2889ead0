package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.lang.Nullable;

/**
 * One shipment: its status ({@link ShipmentStatus}), the pick tasks it was released with or given later (as planned;
 * their progress is in the tasks read model), the cartons it was packed in, and carrier and tracking number once
 * shipped.
 */
@Document(ReadModelCollections.CURRENT + ShipmentDocument.COLLECTION + ReadModelCollections.END)
public record ShipmentDocument(@Id String shipmentId, String orderId, String warehouseId, ShipmentStatus status,
                               @Nullable String carrier, @Nullable String trackingNumber, List<Task> tasks,
                               List<Carton> cartons) {

    public static final String COLLECTION = "shipments";

    public record Task(String taskId, String sku, String location, long quantity) {
    }

    public record Carton(String cartonId, long weightGrams, List<CartonLine> lines) {
    }

    public record CartonLine(String sku, long quantity) {
    }
}
