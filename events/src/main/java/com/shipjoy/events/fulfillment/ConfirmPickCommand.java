package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WorkerId;

/** The assigned worker took {@code quantity} units at {@code location}; fewer than the task's is a short pick. */
public record ConfirmPickCommand(TaskId taskId, WorkerId workerId, Location location, long quantity)
        implements TaskCommand {
}
