package com.shipjoy.command.stock;

import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An in-memory catalog of warehouses and their locations (OUTBOUND included, as registration does); no workers. */
final class FakeWarehouseCatalog implements WarehouseCatalog {

    private final Map<WarehouseId, Set<Location>> locations = new HashMap<>();

    FakeWarehouseCatalog warehouse(String warehouseId, String... bins) {
        Set<Location> all = locations.computeIfAbsent(new WarehouseId(warehouseId), id -> new HashSet<>());
        all.add(Location.OUTBOUND);
        for (String bin : bins) {
            all.add(new Location(bin));
        }
        return this;
    }

    @Override
    public boolean exists(WarehouseId warehouseId) {
        return locations.containsKey(warehouseId);
    }

    @Override
    public boolean hasLocation(WarehouseId warehouseId, Location location) {
        return locations.getOrDefault(warehouseId, Set.of()).contains(location);
    }

    @Override
    public boolean hasWorker(WarehouseId warehouseId, WorkerId workerId) {
        return false;
    }
}
