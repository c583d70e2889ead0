package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record WarehouseId(@JsonValue String value) {

    @JsonCreator
    public WarehouseId {
        Code.require(value, "warehouseId");
    }

    @Override
    public String toString() {
        return value;
    }
}
