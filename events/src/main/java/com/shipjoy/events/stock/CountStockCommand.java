package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A cycle count of one location; answers the variance (counted − expected). */
public record CountStockCommand(@TargetAggregateIdentifier StockId stockId, String countId, Location location,
                                long countedQuantity, String reason) {
}
