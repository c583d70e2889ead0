package com.shipjoy.command.fulfillment;

/** A pick task as the task endpoints answer it (contract §10). */
record TaskAnswer(String taskId, String shipmentId, String orderId, String warehouseId, String sku, String location,
                  long quantity, Long pickedQuantity, String status, String workerId) {
}
