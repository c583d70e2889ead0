package com.shipjoy.events.warehouse;

import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;

public record WorkerRegisteredEvent(WarehouseId warehouseId, WorkerId workerId, String name) {
}
