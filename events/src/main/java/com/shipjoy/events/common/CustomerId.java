package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CustomerId(@JsonValue String value) {

    @JsonCreator
    public CustomerId {
        Code.require(value, "customerId");
    }

    @Override
    public String toString() {
        return value;
    }
}
