package com.shipjoy.events.stock;

import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;

/** One sku in one warehouse: the consistency boundary for its stock. */
public record StockId(Sku sku, WarehouseId warehouseId) {

    public static StockId of(String sku, String warehouseId) {
        return new StockId(new Sku(sku), new WarehouseId(warehouseId));
    }

    /** The aggregate identifier; ':' cannot occur in either part, so it is unambiguous. */
    @Override
    public String toString() {
        return warehouseId + ":" + sku;
    }
}
