package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;

/** {@code locations} includes the staging location {@code OUTBOUND} every warehouse has. */
public record WarehouseRegisteredEvent(WarehouseId warehouseId, String name, List<Location> locations) {
}
