package com.shipjoy.events.common;

/** A value object refused its input; {@code field} names what was wrong so the API can point at it. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
