package com.shipjoy.projections.warehouse;

import com.shipjoy.projections.ReadModelCollections;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A warehouse as registered: its name, its bin locations (the staging location OUTBOUND included) and its workers.
 * Locations are sorted by name and workers by workerId (String order, ASCII for ids), not kept in the order they
 * came: a warehouse's locations are a set (registering the same ones in another order is the same registration, and
 * locations may come in one registration or in several additions), and by name is the walking order picks follow.
 */
@Document(ReadModelCollections.CURRENT + WarehouseDocument.COLLECTION + ReadModelCollections.END)
public record WarehouseDocument(@Id String warehouseId, String name, List<String> locations, List<Worker> workers) {

    public static final String COLLECTION = "warehouses";

    public record Worker(String workerId, String name) {
    }
}
