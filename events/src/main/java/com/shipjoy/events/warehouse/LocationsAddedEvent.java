package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;

/** Only the locations the warehouse did not have yet. */
public record LocationsAddedEvent(WarehouseId warehouseId, List<Location> locations) {
}
