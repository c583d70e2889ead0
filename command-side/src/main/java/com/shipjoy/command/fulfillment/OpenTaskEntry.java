package com.shipjoy.command.fulfillment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** An OPEN pick task, in the order {@code tasks/next} hands them out: oldest order first, then by location. */
@Entity
@Table(name = "open_tasks", indexes = @Index(columnList = "warehouseId, orderPlacedAt, orderId, location, taskId"))
class OpenTaskEntry {

    @Id
    private String taskId;
    private String warehouseId;
    private Instant orderPlacedAt;
    private String orderId;
    private String location;

    protected OpenTaskEntry() {
    }

    OpenTaskEntry(String taskId, String warehouseId, Instant orderPlacedAt, String orderId, String location) {
        this.taskId = taskId;
        this.warehouseId = warehouseId;
        this.orderPlacedAt = orderPlacedAt;
        this.orderId = orderId;
        this.location = location;
    }

    String taskId() {
        return taskId;
    }
}
