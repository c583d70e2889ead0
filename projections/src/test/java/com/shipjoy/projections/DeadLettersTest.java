package com.shipjoy.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** Which later events an order read model parks behind a failed one: the order's, whatever their aggregate. */
class DeadLettersTest {

    private static final StockId STOCK = StockId.of("SKU-1", "WH1");

    @Test
    void anEventNamingAnOrderIsInTheOrdersSequenceOthersInTheirAggregates() {
        OrderId order = new OrderId("O-1");
        assertThat(DeadLetters.byOrder(event("Stock", "WH1:SKU-1",
                new StockReservedEvent(STOCK, order, 2, 10, 2)))).isEqualTo("order O-1");
        assertThat(DeadLetters.byOrder(event("Shipment", "S-1", new ShipmentPackedEvent(new ShipmentId("S-1"), order,
                new WarehouseId("WH1"), List.of())))).isEqualTo("order O-1");
        assertThat(DeadLetters.byOrder(event("Stock", "WH1:SKU-1", new StockReceivedEvent(STOCK,
                new ReceiptId("R-1"), 0, new Location("A-01"), 5, 5, 10, 0)))).isEqualTo("WH1:SKU-1");
    }

    private static GenericDomainEventMessage<Object> event(String type, String aggregateId, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, 0, payload);
    }
}
