package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterWarehouseCommand(@TargetAggregateIdentifier WarehouseId warehouseId, String name,
                                       List<Location> locations) {

    public RegisterWarehouseCommand {
        locations = List.copyOf(locations);
    }
}
