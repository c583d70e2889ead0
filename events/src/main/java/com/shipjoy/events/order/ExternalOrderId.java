package com.shipjoy.events.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.shipjoy.events.common.InvalidValueException;
import java.util.regex.Pattern;

/** The order's id in its sales channel: 1–128 printable characters. */
public record ExternalOrderId(@JsonValue String value) {

    private static final Pattern PRINTABLE = Pattern.compile("^[\\x20-\\x7E]{1,128}$");

    @JsonCreator
    public ExternalOrderId {
        if (value == null || !PRINTABLE.matcher(value).matches()) {
            throw new InvalidValueException("externalOrderId", "must be 1-128 printable characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
