package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WorkerId;

/** Gives an open task to a worker registered in its warehouse. */
public record AssignTaskCommand(TaskId taskId, WorkerId workerId) implements TaskCommand {
}
