package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record OrderId(@JsonValue String value) {

    @JsonCreator
    public OrderId {
        Code.require(value, "orderId");
    }

    @Override
    public String toString() {
        return value;
    }
}
