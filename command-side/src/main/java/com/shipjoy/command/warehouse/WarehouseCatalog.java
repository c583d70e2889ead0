package com.shipjoy.command.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;

/**
 * Which warehouses, locations and workers exist: set-based validation for aggregates that must check another
 * aggregate's master data. It is updated in the same transaction that stores the warehouse events, so it is never
 * behind them.
 */
public interface WarehouseCatalog {

    boolean exists(WarehouseId warehouseId);

    boolean hasLocation(WarehouseId warehouseId, Location location);

    boolean hasWorker(WarehouseId warehouseId, WorkerId workerId);
}
