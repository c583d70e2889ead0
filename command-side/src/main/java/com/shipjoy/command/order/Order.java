package com.shipjoy.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.order.CancelOrderCommand;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderPlacement;
import com.shipjoy.events.order.PlaceOrderCommand;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** An order taken from a sales channel, once per (channel, externalOrderId). */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Order {

    @AggregateIdentifier
    private String streamId;
    private OrderId orderId;
    private boolean cancelled;

    Order() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    OrderPlacement handle(PlaceOrderCommand command, OrderIntakes intakes) {
        Optional<OrderIntakes.Intake> taken = intakes.find(command.channel(), command.externalOrderId());
        if (taken.isPresent()) {
            if (taken.get().contentDigest().equals(command.contentDigest())) {
                return new OrderPlacement(taken.get().orderId(), false);
            }
            throw RejectedException.conflict("Order " + command.externalOrderId() + " of channel "
                    + command.channel() + " was already taken, as order " + taken.get().orderId()
                    + ", with other content.");
        }
        if (orderId != null) {
            throw RejectedException.conflict("Order id " + orderId + " is already in use.");
        }
        apply(new OrderPlacedEvent(command.orderId(), command.channel(), command.externalOrderId(),
                command.customer(), command.shipTo(), command.lines(), command.shipPartial(),
                command.contentDigest()));
        return new OrderPlacement(command.orderId(), true);
    }

    @CommandHandler
    void handle(CancelOrderCommand command) {
        if (!cancelled) {
            apply(new OrderCancelledEvent(orderId, command.reason()));
        }
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        streamId = PlaceOrderCommand.streamId(event.orderId());
        orderId = event.orderId();
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        cancelled = true;
    }
}
