package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record WorkerId(@JsonValue String value) {

    @JsonCreator
    public WorkerId {
        Code.require(value, "workerId");
    }

    @Override
    public String toString() {
        return value;
    }
}
