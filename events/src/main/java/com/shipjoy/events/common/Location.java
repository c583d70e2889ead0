package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record Location(@JsonValue String value) {

    /** Every warehouse's staging location: picked units wait here until they ship. */
    public static final Location OUTBOUND = new Location("OUTBOUND");

    @JsonCreator
    public Location {
        Code.require(value, "location");
    }

    @Override
    public String toString() {
        return value;
    }
}
