package com.shipjoy.events.returns;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;

public record ReturnReceiptLine(Sku sku, Quantity quantity, ReturnCondition condition, Location location) {
}
