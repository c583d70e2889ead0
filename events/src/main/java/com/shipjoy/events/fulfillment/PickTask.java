package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;

/** Pick {@code quantity} units of a sku from one bin location. */
public record PickTask(TaskId taskId, Sku sku, Location location, long quantity) {
}
