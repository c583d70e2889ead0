package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterWorkerCommand(@TargetAggregateIdentifier WarehouseId warehouseId, WorkerId workerId,
                                    String name) {
}
