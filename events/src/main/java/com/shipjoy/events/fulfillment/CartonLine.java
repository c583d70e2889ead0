package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;

public record CartonLine(Sku sku, Quantity quantity) {
}
