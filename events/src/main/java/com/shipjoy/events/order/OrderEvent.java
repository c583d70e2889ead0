package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;

/** An event of an order's own stream: everything that implements it belongs in the order's history. */
public interface OrderEvent {

    OrderId orderId();
}
