package com.shipjoy.command.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipjoy.command.stock.FakeWarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.Rejection;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.RequestReturnCommand;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.returns.ReturnResolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The return rules without Axon: an order that shipped 3 MUG and 1 TEE of the 3 MUG and 2 TEE it ordered. */
class OrderReturnsTest {

    private static final OrderId ORDER = new OrderId("O-1");
    private static final Map<String, Long> ORDERED = Map.of("MUG", 3L, "TEE", 2L);
    private static final Map<String, Long> SHIPPED = Map.of("MUG", 3L, "TEE", 1L);
    private static final ReturnIds NO_OTHER_ORDER = rmaId -> Optional.empty();

    private final OrderReturns returns = new OrderReturns();
    private final FakeWarehouseCatalog catalog = new FakeWarehouseCatalog().warehouse("WH1", "A-01");

    @Test
    void aReturnMayAskForWhatShippedLessWhatOtherOpenReturnsAskFor() {
        requested(request("R-1", "MUG", 2));

        allowed(request("R-2", "MUG", 1));
        assertRefused(() -> allowed(request("R-2", "MUG", 2)), Rejection.Kind.CONFLICT,
                "has 1 unit(s) of sku MUG shipped and not yet returned or in an open return");
        assertRefused(() -> allowed(request("R-2", "TEE", 2)), Rejection.Kind.CONFLICT, "fewer than the 2");
        assertRefused(() -> allowed(request("R-2", "CAP", 1)), Rejection.Kind.CONFLICT, "has no line for sku CAP");
    }

    @Test
    void unitsReceivedBackAreNoLongerReturnableAndCountTowardsReturned() {
        requested(request("R-1", "MUG", 2));
        returns.received(new ReturnReceivedEvent(ORDER, new RmaId("R-1"), new WarehouseId("WH1"),
                List.of(receiptLine("MUG", 2)), Map.of("MUG", 2L), false, null));

        assertThat(returns.returned("MUG")).isEqualTo(2);
        allowed(request("R-2", "MUG", 1));
        assertRefused(() -> allowed(request("R-2", "MUG", 2)), Rejection.Kind.CONFLICT, "has 1 unit(s)");
    }

    @Test
    void anRmaIdIsTakenOnceTheSameContentRepeatsOtherContentOrAnotherOrderIsRefused() {
        RequestReturnCommand first = request("R-1", "MUG", 1);
        requested(first);

        assertThat(returns.repeats(first)).isTrue();
        RequestReturnCommand other = request("R-1", "MUG", 2);
        assertThat(returns.repeats(other)).isFalse();
        assertRefused(() -> allowed(other), Rejection.Kind.CONFLICT, "exists already with other content");
        assertRefused(() -> returns.requireAllowed(request("R-9", "MUG", 1), rmaId -> Optional.of("O-2"), ORDER,
                ORDERED, SHIPPED), Rejection.Kind.CONFLICT, "exists already, for another order");
    }

    @Test
    void aReceiptAddsToWhatCameBackAndTheSameReceiptAgainIsARepeat() {
        requested(request("R-1", "MUG", 2));
        ReceiveReturnCommand receipt = receipt("R-1", receiptLine("MUG", 1), receiptLine("MUG", 1));

        assertThat(returns.returnedAfter(receipt, catalog)).contains(Map.of("MUG", 2L));
        returns.received(new ReturnReceivedEvent(ORDER, new RmaId("R-1"), new WarehouseId("WH1"), receipt.lines(),
                Map.of("MUG", 2L), false, null));
        assertThat(returns.returnedAfter(receipt, catalog)).isEmpty();
        assertRefused(() -> returns.returnedAfter(receipt("R-1", receiptLine("MUG", 2)), catalog),
                Rejection.Kind.CONFLICT, "was received already, with other lines");
    }

    @Test
    void aReceiptIsRefusedForAnUnknownReturnWarehouseOrBinAndBeyondWhatTheReturnAskedFor() {
        requested(request("R-1", "MUG", 2));

        assertRefused(() -> returns.returnedAfter(receipt("R-9", receiptLine("MUG", 1)), catalog),
                Rejection.Kind.NOT_FOUND, "Unknown return R-9");
        assertRefused(() -> returns.returnedAfter(new ReceiveReturnCommand(ORDER, new RmaId("R-1"),
                new WarehouseId("WH9"), List.of(receiptLine("MUG", 1))), catalog), Rejection.Kind.NOT_FOUND,
                "Unknown warehouse WH9");
        assertRefused(() -> returns.returnedAfter(receipt("R-1", new ReturnReceiptLine(new Sku("MUG"),
                Quantity.of(1), ReturnCondition.SELLABLE, Location.OUTBOUND)), catalog), Rejection.Kind.INVALID,
                "unknown bin location OUTBOUND");
        assertRefused(() -> returns.returnedAfter(receipt("R-1", receiptLine("MUG", 3)), catalog),
                Rejection.Kind.CONFLICT, "asked for 2 unit(s) of sku MUG, fewer than the 3 received");
    }

    @Test
    void onlyAnExchangeHasReplacementLines() {
        requested(new RequestReturnCommand(ORDER, new RmaId("R-X"), List.of(returnLine("MUG", 1)), "broken",
                ReturnResolution.EXCHANGE, List.of(returnLine("TEE", 1)), "digest-x"));
        requested(request("R-1", "MUG", 1));

        assertThat(returns.exchangeLines("R-X")).contains(List.of(returnLine("TEE", 1)));
        assertThat(returns.exchangeLines("R-1")).isEmpty();
    }

    private void allowed(RequestReturnCommand command) {
        returns.requireAllowed(command, NO_OTHER_ORDER, ORDER, ORDERED, SHIPPED);
    }

    private void requested(RequestReturnCommand command) {
        allowed(command);
        returns.requested(new ReturnRequestedEvent(ORDER, command.rmaId(), command.lines(), command.reason(),
                command.resolution(), command.exchangeLines(), command.contentDigest()));
    }

    private static RequestReturnCommand request(String rmaId, String sku, long units) {
        return new RequestReturnCommand(ORDER, new RmaId(rmaId), List.of(returnLine(sku, units)), "unwanted",
                ReturnResolution.REFUND, List.of(), rmaId + "/" + sku + "/" + units);
    }

    private static ReceiveReturnCommand receipt(String rmaId, ReturnReceiptLine... lines) {
        return new ReceiveReturnCommand(ORDER, new RmaId(rmaId), new WarehouseId("WH1"), List.of(lines));
    }

    private static ReturnLine returnLine(String sku, long units) {
        return new ReturnLine(new Sku(sku), Quantity.of(units));
    }

    private static ReturnReceiptLine receiptLine(String sku, long units) {
        return new ReturnReceiptLine(new Sku(sku), Quantity.of(units), ReturnCondition.SELLABLE, new Location("A-01"));
    }

    private static void assertRefused(Runnable action, Rejection.Kind kind, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RejectedException.class, refused ->
                assertThat(refused.rejection().kind()).isEqualTo(kind)).hasMessageContaining(message);
    }
}
