package com.shipjoy.command.stock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.stock.ReceiptLine;
import com.shipjoy.events.stock.ReceiptRecordedEvent;
import com.shipjoy.events.stock.RecordReceiptCommand;
import com.shipjoy.events.warehouse.Created;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A goods receipt, recorded once per receiptId. Its lines are then posted to each sku's {@link Stock}; recording
 * first makes a retried or interrupted receipt safe to repeat.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Receipt {

    /** {@link RecordReceiptCommand#streamId(ReceiptId)}, not the bare receipt id. */
    @AggregateIdentifier
    private String streamId;
    private ReceiptId receiptId;
    private RecordReceiptCommand recorded;

    Receipt() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Created handle(RecordReceiptCommand command, WarehouseCatalog catalog) {
        if (receiptId != null) {
            if (recorded.equals(command)) {
                return Created.REPEATED;
            }
            throw RejectedException.conflict("Receipt " + receiptId + " was already recorded with other content.");
        }
        if (!catalog.exists(command.warehouseId())) {
            throw RejectedException.notFound("Unknown warehouse " + command.warehouseId() + ".");
        }
        List<ReceiptLine> lines = command.lines();
        for (int i = 0; i < lines.size(); i++) {
            Location location = lines.get(i).location();
            String field = "lines[" + i + "].location";
            if (Location.OUTBOUND.equals(location)) {
                throw RejectedException.invalid(field, "goods are received into a bin location, not OUTBOUND");
            }
            if (!catalog.hasLocation(command.warehouseId(), location)) {
                throw RejectedException.invalid(field, "unknown location " + location + " in warehouse "
                        + command.warehouseId());
            }
        }
        apply(new ReceiptRecordedEvent(command.receiptId(), command.warehouseId(), command.reference(), lines));
        return Created.NEW;
    }

    @EventSourcingHandler
    void on(ReceiptRecordedEvent event) {
        streamId = RecordReceiptCommand.streamId(event.receiptId());
        receiptId = event.receiptId();
        recorded = new RecordReceiptCommand(event.receiptId(), event.warehouseId(), event.reference(), event.lines());
    }
}
