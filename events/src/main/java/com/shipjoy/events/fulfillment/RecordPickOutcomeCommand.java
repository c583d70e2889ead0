package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.stock.PickLocation;
import java.util.List;

/**
 * What a confirmed task moved to OUTBOUND ({@code picked}, as the Stock took it), and the tasks that pick a short
 * pick's missing units from other bins (the shipment numbers them). Once every task's outcome is in, the shipment is picked (or, with nothing
 * picked at all, cancelled).
 */
public record RecordPickOutcomeCommand(ShipmentId shipmentId, TaskId taskId, long picked, List<PickLocation> followUps)
        implements ShipmentCommand {

    public RecordPickOutcomeCommand {
        followUps = List.copyOf(followUps);
    }
}
