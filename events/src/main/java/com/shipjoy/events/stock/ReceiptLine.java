package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;

public record ReceiptLine(Sku sku, Quantity quantity, Location location) {
}
