package com.shipjoy.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record ReceiptId(@JsonValue String value) {

    @JsonCreator
    public ReceiptId {
        Code.require(value, "receiptId");
    }

    @Override
    public String toString() {
        return value;
    }
}
