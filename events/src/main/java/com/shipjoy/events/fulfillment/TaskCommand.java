package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;

/** A command about a pick task, sent to the shipment the task id names. */
public interface TaskCommand extends ShipmentCommand {

    TaskId taskId();

    @Override
    default ShipmentId shipmentId() {
        return taskId().shipmentId().orElseThrow(() -> RejectedException.notFound("Unknown task " + taskId() + "."));
    }
}
