package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record RmaId(@JsonValue String value) {

    @JsonCreator
    public RmaId {
        Code.require(value, "rmaId");
    }

    @Override
    public String toString() {
        return value;
    }
}
