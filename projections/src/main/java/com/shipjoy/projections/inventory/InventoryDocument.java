package com.shipjoy.projections.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.shipjoy.projections.ReadModelCollections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stock level of one sku, overall and per warehouse and location: one document per sku, so the level of a sku is
 * one lookup by id. {@code available = onHand − reserved}.
 */
@Document(ReadModelCollections.CURRENT + InventoryDocument.COLLECTION + ReadModelCollections.END)
public record InventoryDocument(@Id String sku, long onHand, long reserved, long available,
                                List<WarehouseStock> warehouses) {

    public static final String COLLECTION = "inventory";

    /**
     * {@code sequence}: the sequence number of the {@code Stock} event these figures are from, which the consistency
     * audit compares them at (not in the API; null in documents written before it was kept).
     */
    public record WarehouseStock(String warehouseId, long onHand, long reserved, long available,
                                 List<LocationStock> locations, @JsonIgnore Long sequence) {
    }

    public record LocationStock(String location, long quantity) {
    }

    static InventoryDocument empty(String sku) {
        return new InventoryDocument(sku, 0, 0, 0, List.of());
    }

    /**
     * This level with one warehouse's figures replaced by those after its event {@code sequence}; locations not named
     * keep their quantity.
     */
    InventoryDocument withWarehouse(String warehouseId, long sequence, long onHand, long reserved,
                                    Map<String, Long> locationsAfter) {
        Map<String, Long> locations = new TreeMap<>();
        List<WarehouseStock> others = new ArrayList<>();
        for (WarehouseStock warehouse : warehouses) {
            if (warehouse.warehouseId().equals(warehouseId)) {
                warehouse.locations().forEach(location -> locations.put(location.location(), location.quantity()));
            } else {
                others.add(warehouse);
            }
        }
        locations.putAll(locationsAfter);
        locations.values().removeIf(quantity -> quantity == 0);
        others.add(new WarehouseStock(warehouseId, onHand, reserved, onHand - reserved, locations.entrySet().stream()
                .map(entry -> new LocationStock(entry.getKey(), entry.getValue())).toList(), sequence));
        others.sort(Comparator.comparing(WarehouseStock::warehouseId));
        long totalOnHand = others.stream().mapToLong(WarehouseStock::onHand).sum();
        long totalReserved = others.stream().mapToLong(WarehouseStock::reserved).sum();
        return new InventoryDocument(sku, totalOnHand, totalReserved, totalOnHand - totalReserved, others);
    }
}
