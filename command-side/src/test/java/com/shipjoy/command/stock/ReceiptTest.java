package com.shipjoy.command.stock;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.Rejections.invalid;
import static com.shipjoy.command.Rejections.notFound;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.stock.ReceiptLine;
import com.shipjoy.events.stock.ReceiptRecordedEvent;
import com.shipjoy.events.stock.RecordReceiptCommand;
import com.shipjoy.events.warehouse.Created;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReceiptTest {

    private static final ReceiptId RID = new ReceiptId("R1");
    private static final WarehouseId WH1 = new WarehouseId("WH1");
    private static final List<ReceiptLine> LINES = List.of(line("SKU-1", 5, "A-01"), line("SKU-2", 3, "B-02"));
    private static final ReceiptRecordedEvent RECORDED = new ReceiptRecordedEvent(RID, WH1, "PO-7", LINES);

    private AggregateTestFixture<Receipt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Receipt.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02")
                .warehouse("WH2", "A-01", "B-02"));
    }

    private static ReceiptLine line(String sku, long quantity, String location) {
        return new ReceiptLine(new Sku(sku), Quantity.of(quantity), new Location(location));
    }

    private static RecordReceiptCommand record(WarehouseId warehouseId, String reference, List<ReceiptLine> lines) {
        return new RecordReceiptCommand(RID, warehouseId, reference, lines);
    }

    @Test
    void newReceiptIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(record(WH1, "PO-7", LINES))
                .expectSuccessfulHandlerExecution()
                .expectEvents(RECORDED)
                .expectResultMessagePayload(Created.NEW);
    }

    @Test
    void identicalReceiptAgainStoresNothing() {
        fixture.given(RECORDED)
                .when(record(WH1, "PO-7", List.copyOf(LINES)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Created.REPEATED);
    }

    static Stream<RecordReceiptCommand> otherContent() {
        return Stream.of(
                record(new WarehouseId("WH2"), "PO-7", LINES),
                record(WH1, "PO-8", LINES),
                record(WH1, "PO-7", List.of(LINES.get(0))),
                record(WH1, "PO-7", List.of(LINES.get(1), LINES.get(0))),
                record(WH1, "PO-7", List.of(LINES.get(0), line("SKU-2", 4, "B-02"))),
                record(WH1, "PO-7", List.of(LINES.get(0), line("SKU-2", 3, "A-01"))));
    }

    @ParameterizedTest
    @MethodSource("otherContent")
    void sameIdWithOtherContentConflicts(RecordReceiptCommand command) {
        fixture.given(RECORDED).when(command).expectNoEvents().expectException(conflict());
    }

    @Test
    void receiptForUnknownWarehouseIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(record(new WarehouseId("NOPE"), "PO-7", LINES))
                .expectNoEvents()
                .expectException(notFound());
    }

    @ParameterizedTest
    @CsvSource({"0, X-01", "1, X-01", "0, OUTBOUND", "1, OUTBOUND"})
    void unknownOrStagingLocationIsInvalidNamingTheLine(int index, String location) {
        List<ReceiptLine> lines = new ArrayList<>(LINES);
        ReceiptLine replaced = lines.get(index);
        lines.set(index, new ReceiptLine(replaced.sku(), replaced.quantity(), new Location(location)));
        fixture.givenNoPriorActivity()
                .when(record(WH1, "PO-7", lines))
                .expectNoEvents()
                .expectException(invalid("lines[" + index + "].location"));
    }
}
