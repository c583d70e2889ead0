package com.shipjoy.command.allocation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Units of a sku an order still waits for; {@code queuedAt} (placedAt in epoch milliseconds) sets the turn. */
@Entity
@Table(name = "backorder", indexes = {@Index(columnList = "sku,queuedAt"), @Index(columnList = "orderId")})
class BackorderEntry {

    @Id
    private String entryKey;
    private String orderId;
    private String sku;
    private long quantity;
    private long queuedAt;

    protected BackorderEntry() {
    }

    BackorderEntry(String orderId, String sku, long quantity, long queuedAt) {
        this.entryKey = key(orderId, sku);
        this.orderId = orderId;
        this.sku = sku;
        this.quantity = quantity;
        this.queuedAt = queuedAt;
    }

    static String key(String orderId, String sku) {
        return orderId + "|" + sku;
    }

    long queuedAt() {
        return queuedAt;
    }

    String orderId() {
        return orderId;
    }

    String sku() {
        return sku;
    }

    long quantity() {
        return quantity;
    }

    void reduceBy(long allocated) {
        quantity -= allocated;
    }

    void add(long waiting) {
        quantity += waiting;
    }
}
