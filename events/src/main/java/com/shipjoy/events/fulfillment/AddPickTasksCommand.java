package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;
import java.util.List;

/** More tasks for a shipment: a short pick's missing units that the warehouse holds in other bins. */
public record AddPickTasksCommand(ShipmentId shipmentId, List<PickTask> tasks) implements ShipmentCommand {

    public AddPickTasksCommand {
        tasks = List.copyOf(tasks);
    }
}
