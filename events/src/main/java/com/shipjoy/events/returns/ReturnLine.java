package com.shipjoy.events.returns;

import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;

public record ReturnLine(Sku sku, Quantity quantity) {
}
