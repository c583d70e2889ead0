package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record Channel(@JsonValue String value) {

    @JsonCreator
    public Channel {
        Code.require(value, "channel");
    }

    @Override
    public String toString() {
        return value;
    }
}
