package com.shipjoy.events.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Value objects nested in messages serialize as plain strings and numbers, and read back equal. The expected JSON is
 * what the event store holds: a literal here changes only with an upcaster for the events stored before.
 */
class StockMessagesJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final StockId ID = StockId.of("SKU-1", "WH1");
    private static final String STOCK_ID = "{\"stockId\":{\"sku\":\"SKU-1\",\"warehouseId\":\"WH1\"},";
    private static final Location A = new Location("A-01");
    private static final OrderId ORDER = new OrderId("O-1");
    private static final ShipmentId SHIPMENT = new ShipmentId("S-1");
    private static final TaskId TASK = new TaskId("S-1.1");
    private static final RmaId RMA = new RmaId("RMA-1");

    private static <T> T roundTrip(T value, String expectedJson) throws Exception {
        String json = JSON.writeValueAsString(value);
        assertThat(json).isEqualTo(expectedJson);
        @SuppressWarnings("unchecked")
        T back = (T) JSON.readValue(json, value.getClass());
        assertThat(back).isEqualTo(value);
        return back;
    }

    @Test
    void stockIdIsTheAggregateIdentifierAndAnObjectInJson() throws Exception {
        assertThat(ID).hasToString("WH1:SKU-1");
        roundTrip(ID, "{\"sku\":\"SKU-1\",\"warehouseId\":\"WH1\"}");
    }

    @Test
    void receiptLine() throws Exception {
        roundTrip(new ReceiptLine(new Sku("SKU-1"), Quantity.of(5), new Location("A-01")),
                "{\"sku\":\"SKU-1\",\"quantity\":5,\"location\":\"A-01\"}");
    }

    @Test
    void stockReceivedEvent() throws Exception {
        roundTrip(new StockReceivedEvent(ID, new ReceiptId("R1"), 2, new Location("A-01"), 5, 7, 9, 1),
                "{\"stockId\":{\"sku\":\"SKU-1\",\"warehouseId\":\"WH1\"},\"receiptId\":\"R1\",\"line\":2,"
                        + "\"location\":\"A-01\",\"quantity\":5,\"locationQuantityAfter\":7,\"onHandAfter\":9,"
                        + "\"reservedAfter\":1}");
    }

    @Test
    void stockReservedEvent() throws Exception {
        roundTrip(new StockReservedEvent(ID, ORDER, 3, 9, 4),
                STOCK_ID + "\"orderId\":\"O-1\",\"quantity\":3,\"onHandAfter\":9,\"reservedAfter\":4}");
    }

    @Test
    void stockReleasedEvent() throws Exception {
        roundTrip(new StockReleasedEvent(ID, ORDER, 2, StockReleasedEvent.SHORT_PICK, 9, 2),
                STOCK_ID + "\"orderId\":\"O-1\",\"quantity\":2,\"reason\":\"SHORT_PICK\",\"onHandAfter\":9,"
                        + "\"reservedAfter\":2}");
    }

    @Test
    void picksPlannedEvent() throws Exception {
        roundTrip(new PicksPlannedEvent(ID, ORDER, SHIPMENT, List.of(new PickLocation(A, 2))),
                STOCK_ID + "\"orderId\":\"O-1\",\"shipmentId\":\"S-1\",\"picks\":[{\"location\":\"A-01\","
                        + "\"quantity\":2}]}");
    }

    @Test
    void pickPlanClosedEvent() throws Exception {
        roundTrip(new PickPlanClosedEvent(ID, ORDER, SHIPMENT, TASK, A, 2),
                STOCK_ID + "\"orderId\":\"O-1\",\"shipmentId\":\"S-1\",\"taskId\":\"S-1.1\","
                        + "\"location\":\"A-01\",\"quantity\":2}");
    }

    @Test
    void stockPickedEvent() throws Exception {
        roundTrip(new StockPickedEvent(ID, ORDER, SHIPMENT, TASK, A, 2, 3, 2, 9, 4),
                STOCK_ID + "\"orderId\":\"O-1\",\"shipmentId\":\"S-1\",\"taskId\":\"S-1.1\","
                        + "\"location\":\"A-01\",\"quantity\":2,\"locationQuantityAfter\":3,"
                        + "\"outboundAfter\":2,\"onHandAfter\":9,\"reservedAfter\":4}");
    }

    @Test
    void stockShippedEvent() throws Exception {
        roundTrip(new StockShippedEvent(ID, ORDER, SHIPMENT, 2, 0, 7, 2),
                STOCK_ID + "\"orderId\":\"O-1\",\"shipmentId\":\"S-1\",\"quantity\":2,\"outboundAfter\":0,"
                        + "\"onHandAfter\":7,\"reservedAfter\":2}");
    }

    @Test
    void stockReturnedEvent() throws Exception {
        roundTrip(new StockReturnedEvent(ID, RMA, 1, ORDER, A, 2, 5, 9, 0),
                STOCK_ID + "\"rmaId\":\"RMA-1\",\"line\":1,\"orderId\":\"O-1\",\"location\":\"A-01\","
                        + "\"quantity\":2,\"locationQuantityAfter\":5,\"onHandAfter\":9,\"reservedAfter\":0}");
    }

    @Test
    void stockWrittenOffEvent() throws Exception {
        roundTrip(new StockWrittenOffEvent(ID, RMA, 0, ORDER, 1, 9, 0),
                STOCK_ID + "\"rmaId\":\"RMA-1\",\"line\":0,\"orderId\":\"O-1\",\"quantity\":1,"
                        + "\"onHandAfter\":9,\"reservedAfter\":0}");
    }

    @Test
    void postingsOfAReceiptAreNumberedPerLine() {
        ReceiptId receipt = new ReceiptId("R1");
        List<ReceiptLine> lines = List.of(new ReceiptLine(new Sku("S1"), Quantity.of(5), new Location("A-01")),
                new ReceiptLine(new Sku("S2"), Quantity.of(3), new Location("B-02")));
        assertThat(ReceiveStockCommand.postingsOf(receipt, ID.warehouseId(), lines)).containsExactly(
                new ReceiveStockCommand(StockId.of("S1", "WH1"), receipt, 0, new Location("A-01"), Quantity.of(5)),
                new ReceiveStockCommand(StockId.of("S2", "WH1"), receipt, 1, new Location("B-02"), Quantity.of(3)));
    }
}
