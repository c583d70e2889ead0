package com.shipjoy.command.returns;

import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.returns.ReceiveReturnCommand;
import com.shipjoy.events.returns.RequestReturnCommand;
import com.shipjoy.events.returns.ReturnLine;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import com.shipjoy.events.returns.ReturnResolution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An order's returns (RMAs) and the rules for opening and receiving one. The order aggregate keeps them: what may be
 * returned depends on what the order shipped, and only the order sees every return of it at once. Plain state, no
 * Axon: the order's command handlers ask, its event-sourcing handlers record.
 */
public final class OrderReturns {

    /** A return: units asked for per sku, how it is settled, and the receipt once the goods arrived. */
    private record Rma(Map<String, Long> lines, ReturnResolution resolution, List<ReturnLine> exchangeLines,
                       String contentDigest, List<ReturnReceiptLine> received) {
    }

    private final Map<String, Rma> byId = new HashMap<>();
    /** Per sku: units received back, over all returns. */
    private final Map<String, Long> returned = new HashMap<>();

    /** The same rmaId with the same content: opened already, nothing to do. */
    public boolean repeats(RequestReturnCommand command) {
        Rma known = byId.get(command.rmaId().value());
        return known != null && known.contentDigest().equals(command.contentDigest());
    }

    /**
     * Refuses a return whose rmaId is taken (on this order with other content, or on another order, as
     * {@code returnIds} knows), that names a sku the order does not have, or that asks for more units than shipped
     * and neither returned nor in another open return.
     */
    public void requireAllowed(RequestReturnCommand command, ReturnIds returnIds, OrderId orderId,
                               Map<String, Long> ordered, Map<String, Long> shipped) {
        boolean known = byId.containsKey(command.rmaId().value());
        if (known || returnIds.orderOf(command.rmaId()).isPresent()) {
            throw RejectedException.conflict("Return " + command.rmaId() + " exists already"
                    + (known ? " with other content." : ", for another order."));
        }
        for (ReturnLine line : command.lines()) {
            String sku = line.sku().value();
            if (!ordered.containsKey(sku)) {
                throw RejectedException.conflict("Order " + orderId + " has no line for sku " + sku + ".");
            }
            long returnable = shipped.getOrDefault(sku, 0L) - returned(sku) - requestedOpen(sku);
            if (line.quantity().value() > returnable) {
                throw RejectedException.conflict("Order " + orderId + " has " + returnable + " unit(s) of sku "
                        + sku + " shipped and not yet returned or in an open return, fewer than the "
                        + line.quantity() + " to return.");
            }
        }
    }

    /**
     * The units per sku returned once this receipt is recorded, or empty for the same receipt again. Refuses a
     * receipt of an unknown return, other lines for a received one, an unknown warehouse or bin, and more units of
     * a sku than the return asked for.
     */
    public Optional<Map<String, Long>> returnedAfter(ReceiveReturnCommand command, WarehouseCatalog catalog) {
        Rma rma = byId.get(command.rmaId().value());
        if (rma == null) {
            throw RejectedException.notFound("Unknown return " + command.rmaId() + ".");
        }
        if (rma.received() != null) {
            if (rma.received().equals(command.lines())) {
                return Optional.empty();
            }
            throw RejectedException.conflict("Return " + command.rmaId() + " was received already, with other lines.");
        }
        if (!catalog.exists(command.warehouseId())) {
            throw RejectedException.notFound("Unknown warehouse " + command.warehouseId() + ".");
        }
        Map<String, Long> received = new TreeMap<>();
        for (int i = 0; i < command.lines().size(); i++) {
            ReturnReceiptLine line = command.lines().get(i);
            if (Location.OUTBOUND.equals(line.location())
                    || !catalog.hasLocation(command.warehouseId(), line.location())) {
                throw RejectedException.invalid("lines[" + i + "].location", "unknown bin location "
                        + line.location() + " in warehouse " + command.warehouseId());
            }
            received.merge(line.sku().value(), line.quantity().value(), Long::sum);
        }
        received.forEach((sku, units) -> {
            long asked = rma.lines().getOrDefault(sku, 0L);
            if (units > asked) {
                throw RejectedException.conflict("Return " + command.rmaId() + " asked for " + asked
                        + " unit(s) of sku " + sku + ", fewer than the " + units + " received.");
            }
        });
        Map<String, Long> after = new TreeMap<>(returned);
        received.forEach((sku, units) -> after.merge(sku, units, Long::sum));
        return Optional.of(after);
    }

    /** The replacement lines of an EXCHANGE return, empty for a REFUND. */
    public Optional<List<ReturnLine>> exchangeLines(String rmaId) {
        Rma rma = byId.get(rmaId);
        return rma.resolution() == ReturnResolution.EXCHANGE ? Optional.of(rma.exchangeLines()) : Optional.empty();
    }

    public long returned(String sku) {
        return returned.getOrDefault(sku, 0L);
    }

    public void requested(ReturnRequestedEvent event) {
        Map<String, Long> lines = new HashMap<>();
        event.lines().forEach(line -> lines.merge(line.sku().value(), line.quantity().value(), Long::sum));
        byId.put(event.rmaId().value(), new Rma(lines, event.resolution(), event.exchangeLines(),
                event.contentDigest(), null));
    }

    public void received(ReturnReceivedEvent event) {
        byId.computeIfPresent(event.rmaId().value(), (id, rma) -> new Rma(rma.lines(), rma.resolution(),
                rma.exchangeLines(), rma.contentDigest(), event.lines()));
        returned.putAll(event.returnedAfter());
    }

    private long requestedOpen(String sku) {
        return byId.values().stream().filter(rma -> rma.received() == null)
                .mapToLong(rma -> rma.lines().getOrDefault(sku, 0L)).sum();
    }

    /** By value: the test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof OrderReturns returns && byId.equals(returns.byId) && returned.equals(returns.returned);
    }

    @Override
    public int hashCode() {
        return byId.hashCode() * 31 + returned.hashCode();
    }
}
