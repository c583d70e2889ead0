package com.shipjoy.command.warehouse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shipjoy.command.Lookups;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.warehouse.LocationsAddedEvent;
import com.shipjoy.events.warehouse.WarehouseRegisteredEvent;
import com.shipjoy.events.warehouse.WorkerRegisteredEvent;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Kept by a subscribing processor, so its rows commit or roll back with the events that caused them.
 *
 * <p>Every move and receipt asks whether its bins exist, and an entry is never removed, so a "yes" read from the table
 * is remembered. Only a committed row can be read by a command that checks before it applies: this catalog writes at
 * the commit of the command whose events it mirrors, after that command's own checks.
 */
@Component
@ProcessingGroup(Lookups.WAREHOUSE_CATALOG)
class JpaWarehouseCatalog implements WarehouseCatalog {


    private final CatalogEntries entries;
    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(100_000).build();

    JpaWarehouseCatalog(CatalogEntries entries) {
        this.entries = entries;
    }

    @EventHandler
    void on(WarehouseRegisteredEvent event) {
        entries.save(new CatalogEntry(warehouseKey(event.warehouseId())));
        addLocations(event.warehouseId(), event.locations());
    }

    @EventHandler
    void on(LocationsAddedEvent event) {
        addLocations(event.warehouseId(), event.locations());
    }

    @EventHandler
    void on(WorkerRegisteredEvent event) {
        entries.save(new CatalogEntry(workerKey(event.warehouseId(), event.workerId())));
    }

    private void addLocations(WarehouseId warehouseId, List<Location> locations) {
        entries.saveAll(locations.stream().map(location -> new CatalogEntry(locationKey(warehouseId, location)))
                .toList());
    }

    @Override
    public boolean exists(WarehouseId warehouseId) {
        return exists(warehouseKey(warehouseId));
    }

    @Override
    public boolean hasLocation(WarehouseId warehouseId, Location location) {
        return exists(locationKey(warehouseId, location));
    }

    @Override
    public boolean hasWorker(WarehouseId warehouseId, WorkerId workerId) {
        return exists(workerKey(warehouseId, workerId));
    }

    private boolean exists(String key) {
        if (known.getIfPresent(key) != null) {
            return true;
        }
        boolean found = entries.existsById(key);
        if (found) {
            known.put(key, Boolean.TRUE);
        }
        return found;
    }

    private static String warehouseKey(WarehouseId warehouseId) {
        return "W|" + warehouseId;
    }

    private static String locationKey(WarehouseId warehouseId, Location location) {
        return "L|" + warehouseId + "|" + location;
    }

    private static String workerKey(WarehouseId warehouseId, WorkerId workerId) {
        return "K|" + warehouseId + "|" + workerId;
    }
}
