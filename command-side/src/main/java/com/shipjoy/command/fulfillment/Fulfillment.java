package com.shipjoy.command.fulfillment;

import com.shipjoy.command.Processes;
import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.fulfillment.CancelShipmentCommand;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.RecordPickOutcomeCommand;
import com.shipjoy.events.fulfillment.ReleaseShipmentCommand;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderReleasedEvent;
import com.shipjoy.events.order.PlaceOrderCommand;
import com.shipjoy.events.order.RecordShipmentCommand;
import com.shipjoy.events.returns.ExchangeOrder;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.stock.PickLocation;
import com.shipjoy.events.stock.PickOutcome;
import com.shipjoy.events.stock.PickStockCommand;
import com.shipjoy.events.stock.PlanPicksCommand;
import com.shipjoy.events.stock.ReturnStockCommand;
import com.shipjoy.events.stock.ShipStockCommand;
import com.shipjoy.events.stock.StockId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The WMS side of an order: turns a release into a shipment with pick tasks, a confirmed pick into stock at
 * OUTBOUND (and follow-up tasks for a short pick's missing units), a shipped shipment into stock leaving and the
 * order shipped, a cancellation into cancelled shipments, and a received return into stock (and an exchange order).
 * <p>
 * It shares the allocation process's single-threaded processor: every reaction to an order happens in event-store
 * order on one thread, so a release is handled before the cancellation that follows it, and the two processes never
 * lock the same aggregates against each other. Like the allocation process, its commands never fail by design.
 */
@Component
@ProcessingGroup(Processes.ORDER_ALLOCATION)
class Fulfillment {

    @EventHandler
    void on(OrderReleasedEvent event, CommandGateway commands) {
        List<PickTask> tasks = new ArrayList<>();
        // Skus in name order, each sku's bins in walking order: the task numbers follow the walk.
        new TreeMap<>(event.lines()).forEach((sku, units) -> {
            List<PickLocation> plan = commands.sendAndWait(new PlanPicksCommand(StockId.of(sku,
                    event.warehouseId().value()), event.orderId(), event.shipmentId(), Quantity.of(units)));
            plan.forEach(pick -> tasks.add(new PickTask(TaskId.of(event.shipmentId(), tasks.size() + 1), new Sku(sku),
                    pick.location(), pick.quantity())));
        });
        commands.sendAndWait(new ReleaseShipmentCommand(event.shipmentId(), event.orderId(), event.warehouseId(),
                event.placedAt(), tasks));
    }

    @EventHandler
    void on(TaskConfirmedEvent event, CommandGateway commands) {
        StockId stockId = new StockId(event.sku(), event.warehouseId());
        PickOutcome outcome = commands.sendAndWait(new PickStockCommand(stockId, event.orderId(), event.shipmentId(),
                event.taskId(), event.location(), event.expected(), event.picked()));
        List<PickLocation> followUps = outcome.stillReserved() == 0 ? List.of()
                : commands.sendAndWait(new PlanPicksCommand(stockId, event.orderId(), event.shipmentId(),
                        Quantity.of(outcome.stillReserved())));
        commands.sendAndWait(new RecordPickOutcomeCommand(event.shipmentId(), event.taskId(), outcome.picked(),
                followUps));
    }

    @EventHandler
    void on(ShipmentShippedEvent event, CommandGateway commands) {
        event.lines().forEach((sku, units) -> commands.sendAndWait(new ShipStockCommand(
                StockId.of(sku, event.warehouseId().value()), event.orderId(), event.shipmentId(),
                Quantity.of(units))));
        commands.sendAndWait(new RecordShipmentCommand(event.orderId(), event.shipmentId(), event.warehouseId(),
                event.lines()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, CommandGateway commands) {
        event.openShipments().forEach(shipmentId -> commands.sendAndWait(new CancelShipmentCommand(shipmentId,
                "order cancelled: " + event.reason())));
    }

    @EventHandler
    void on(ReturnReceivedEvent event, CommandGateway commands) {
        List<ReturnReceiptLine> lines = event.lines();
        for (int line = 0; line < lines.size(); line++) {
            ReturnReceiptLine received = lines.get(line);
            commands.sendAndWait(new ReturnStockCommand(new StockId(received.sku(), event.warehouseId()),
                    event.rmaId(), line, event.orderId(), received.location(), received.quantity(),
                    received.condition()));
        }
        ExchangeOrder exchange = event.exchange();
        if (exchange != null) {
            // Taken once per (exchange, rmaId) like any channel's order; the digest names the return it replaces.
            commands.sendAndWait(new PlaceOrderCommand(exchange.orderId(), new Channel(ExchangeOrder.CHANNEL),
                    new ExternalOrderId(event.rmaId().value()), exchange.customer(), exchange.shipTo(),
                    exchange.lines(), false, "exchange/" + event.rmaId()));
        }
    }
}
