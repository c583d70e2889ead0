package com.shipjoy.command.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.order.PlaceOrderCommand;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The status an order's own events give it, read from the aggregate for the answer to a command. Blocking. */
@Component
class OrderStatuses {

    private final Repository<Order> orders;

    OrderStatuses(@Qualifier("orderRepository") Repository<Order> orders) {
        this.orders = orders;
    }

    OrderStatus status(OrderId orderId) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                orders.load(PlaceOrderCommand.streamId(orderId)).invoke(Order::status)).getPayload();
    }
}
