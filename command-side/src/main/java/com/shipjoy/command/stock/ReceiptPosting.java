package com.shipjoy.command.stock;

import com.shipjoy.command.Processes;
import com.shipjoy.events.stock.ReceiptRecordedEvent;
import com.shipjoy.events.stock.ReceiveStockCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Completes receipts whose posting was interrupted (a crash between recording the receipt and posting its lines).
 * The HTTP API posts the lines itself to answer with the stock already updated; posting a line twice changes nothing.
 */
@Component
@ProcessingGroup(Processes.RECEIPT_POSTING)
class ReceiptPosting {

    @EventHandler
    void on(ReceiptRecordedEvent event, CommandGateway commands) {
        ReceiveStockCommand.postingsOf(event.receiptId(), event.warehouseId(), event.lines())
                .forEach(commands::sendAndWait);
    }
}
