package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A pick task: {@code <shipmentId>.<n>}. Tasks live in their shipment's stream, and the id names it, so a command
 * about a task needs no lookup to find its shipment (a shipment id never contains a '.': the server makes it).
 */
public record TaskId(@JsonValue String value) {

    @JsonCreator
    public TaskId {
        Code.require(value, "taskId");
    }

    public static TaskId of(ShipmentId shipmentId, int number) {
        return new TaskId(shipmentId.value() + "." + number);
    }

    /** The shipment the task belongs to; empty when the id cannot be one of ours. */
    public Optional<ShipmentId> shipmentId() {
        int dot = value.lastIndexOf('.');
        return dot > 0 && dot < value.length() - 1 ? Optional.of(new ShipmentId(value.substring(0, dot)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
