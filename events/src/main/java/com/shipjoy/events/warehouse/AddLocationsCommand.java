package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddLocationsCommand(@TargetAggregateIdentifier WarehouseId warehouseId, List<Location> locations) {

    public AddLocationsCommand {
        locations = List.copyOf(locations);
    }
}
