package com.shipjoy.events.returns;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.ShipTo;
import java.util.List;

/** The order an EXCHANGE return places when it is received: channel {@code exchange}, external id the rmaId. */
public record ExchangeOrder(OrderId orderId, Customer customer, ShipTo shipTo, List<OrderLine> lines) {

    public static final String CHANNEL = "exchange";

    public ExchangeOrder {
        lines = List.copyOf(lines);
    }
}
