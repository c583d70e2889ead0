package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MoveStockCommand(@TargetAggregateIdentifier StockId stockId, Location from, Location to,
                               Quantity quantity) {
}
