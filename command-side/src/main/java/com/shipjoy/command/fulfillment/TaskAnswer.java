package com.shipjoy.command.fulfillment;

import com.shipjoy.events.fulfillment.TaskStatus;
import org.springframework.lang.Nullable;

/** A pick task as the task endpoints answer it. */
record TaskAnswer(String taskId, String shipmentId, String orderId, String warehouseId, String sku, String location,
                  long quantity, @Nullable Long pickedQuantity, TaskStatus status, @Nullable String workerId) {
}
