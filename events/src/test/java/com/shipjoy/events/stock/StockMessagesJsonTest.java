package com.shipjoy.events.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.Sku;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Value objects nested in messages serialize as plain strings and numbers, and read back equal. */
class StockMessagesJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final StockId ID = StockId.of("SKU-1", "WH1");

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
    void postingsOfAReceiptAreNumberedPerLine() {
        ReceiptId receipt = new ReceiptId("R1");
        List<ReceiptLine> lines = List.of(new ReceiptLine(new Sku("S1"), Quantity.of(5), new Location("A-01")),
                new ReceiptLine(new Sku("S2"), Quantity.of(3), new Location("B-02")));
        assertThat(ReceiveStockCommand.postingsOf(receipt, ID.warehouseId(), lines)).containsExactly(
                new ReceiveStockCommand(StockId.of("S1", "WH1"), receipt, 0, new Location("A-01"), Quantity.of(5)),
                new ReceiveStockCommand(StockId.of("S2", "WH1"), receipt, 1, new Location("B-02"), Quantity.of(3)));
    }
}
