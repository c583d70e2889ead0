package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record ShipmentId(@JsonValue String value) {

    @JsonCreator
    public ShipmentId {
        Code.require(value, "shipmentId");
    }

    @Override
    public String toString() {
        return value;
    }
}
