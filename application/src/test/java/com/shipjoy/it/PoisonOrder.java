package com.shipjoy.it;

import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.projections.ReadModels;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A handler in the orders read model that fails on the events of order {@value #ORDER_ID} while {@link #ON} is set
 * (extra configuration: {@code --spring.main.sources=com.shipjoy.it.PoisonOrder}; not a component, so component
 * scanning leaves it out of the product and of other tests). It runs before the orders projection, so an event it
 * fails on changes nothing there.
 */
@ProcessingGroup(ReadModels.ORDERS)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PoisonOrder {

    static final String ORDER_ID = "poison-1";
    static final AtomicBoolean ON = new AtomicBoolean(true);
    /** While closed, a replay's shadow copy of the orders waits at each order event: a replay held in the middle. */
    static volatile CountDownLatch shadowGate = new CountDownLatch(0);

    @EventHandler
    void on(OrderEvent event) throws InterruptedException {
        if (Thread.currentThread().getName().startsWith(ReadModels.ORDERS + "@g")) {
            shadowGate.await(30, TimeUnit.SECONDS);
        }
        if (ON.get() && event.orderId().value().equals(ORDER_ID)) {
            throw new IllegalStateException("Order " + ORDER_ID + " is poisoned");
        }
    }
}
