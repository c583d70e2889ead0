package com.shipjoy.command.allocation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** On-hand and reserved of one sku in one warehouse, as the latest stock event left them. */
@Entity
@Table(name = "stock_level", indexes = @Index(columnList = "sku"))
class StockLevelEntry {

    @Id
    private String stockKey;
    private String sku;
    private String warehouseId;
    private long onHand;
    private long reserved;

    protected StockLevelEntry() {
    }

    StockLevelEntry(String stockKey, String sku, String warehouseId, long onHand, long reserved) {
        this.stockKey = stockKey;
        this.sku = sku;
        this.warehouseId = warehouseId;
        this.onHand = onHand;
        this.reserved = reserved;
    }

    String warehouseId() {
        return warehouseId;
    }

    long available() {
        return onHand - reserved;
    }
}
