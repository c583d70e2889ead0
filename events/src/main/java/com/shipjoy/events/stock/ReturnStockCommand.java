package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.returns.ReturnCondition;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Line {@code line} of a return receipt: SELLABLE units go into {@code location}, DAMAGED ones are written off.
 * Posting the same line twice changes nothing.
 */
public record ReturnStockCommand(@TargetAggregateIdentifier StockId stockId, RmaId rmaId, int line, OrderId orderId,
                                 Location location, Quantity quantity, ReturnCondition condition) {
}
