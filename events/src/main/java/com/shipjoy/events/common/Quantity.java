package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A quantity of whole units in a command: 1 to 1,000,000. */
public record Quantity(@JsonValue long value) {

    public static final long MAX = 1_000_000;

    @JsonCreator
    public Quantity {
        if (value < 1 || value > MAX) {
            throw new InvalidValueException("quantity", "must be between 1 and " + MAX);
        }
    }

    public static Quantity of(long value) {
        return new Quantity(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
