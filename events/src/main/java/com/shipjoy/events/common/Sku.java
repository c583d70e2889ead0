package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record Sku(@JsonValue String value) {

    @JsonCreator
    public Sku {
        Code.require(value, "sku");
    }

    @Override
    public String toString() {
        return value;
    }
}
