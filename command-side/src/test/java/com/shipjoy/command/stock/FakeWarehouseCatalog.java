package com.shipjoy.command.stock;

import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An in-memory catalog of warehouses, their locations (OUTBOUND included, as registration does) and workers. */
public final class FakeWarehouseCatalog implements WarehouseCatalog {

    private final Map<WarehouseId, Set<Location>> locations = new HashMap<>();
    private final Map<WarehouseId, Set<WorkerId>> workers = new HashMap<>();

    public FakeWarehouseCatalog warehouse(String warehouseId, String... bins) {
        Set<Location> all = locations.computeIfAbsent(new WarehouseId(warehouseId), id -> new HashSet<>());
        all.add(Location.OUTBOUND);
        for (String bin : bins) {
            all.add(new Location(bin));
        }
        return this;
    }

    public FakeWarehouseCatalog worker(String warehouseId, String workerId) {
        warehouse(warehouseId);
        workers.computeIfAbsent(new WarehouseId(warehouseId), id -> new HashSet<>()).add(new WorkerId(workerId));
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
        return workers.getOrDefault(warehouseId, Set.of()).contains(workerId);
    }
}
