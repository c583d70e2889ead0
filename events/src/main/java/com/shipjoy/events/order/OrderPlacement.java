package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;

/**
 * What placing an order answers: the order's id (for a repeat, the id of the order taken the first time) and
 * whether this request created it.
 */
public record OrderPlacement(OrderId orderId, boolean created) {
}
