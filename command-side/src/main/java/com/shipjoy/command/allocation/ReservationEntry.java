package com.shipjoy.command.allocation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Units of a sku the allocation process reserved for an order in a warehouse: what cancelling releases. */
@Entity
@Table(name = "order_reservation", indexes = @Index(columnList = "orderId"))
class ReservationEntry {

    @Id
    private String entryKey;
    private String orderId;
    private String sku;
    private String warehouseId;
    private long quantity;
    /** The order's turn in the backorder queue, kept for when a count takes these units away again. */
    private long queuedAt;

    protected ReservationEntry() {
    }

    ReservationEntry(String orderId, String sku, String warehouseId, long queuedAt) {
        this.entryKey = key(orderId, sku, warehouseId);
        this.orderId = orderId;
        this.sku = sku;
        this.warehouseId = warehouseId;
        this.queuedAt = queuedAt;
    }

    static String key(String orderId, String sku, String warehouseId) {
        return orderId + "|" + sku + "|" + warehouseId;
    }

    String orderId() {
        return orderId;
    }

    String sku() {
        return sku;
    }

    String warehouseId() {
        return warehouseId;
    }

    long quantity() {
        return quantity;
    }

    long queuedAt() {
        return queuedAt;
    }

    /** Adds (positive) or removes (negative) reserved units. */
    void add(long reserved) {
        quantity += reserved;
    }
}
