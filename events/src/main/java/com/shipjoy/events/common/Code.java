package com.shipjoy.events.common;

import java.util.regex.Pattern;

/** The identifier syntax shared by every id of the API: 1–64 of {@code [A-Za-z0-9._-]}. */
public final class Code {

    public static final String PATTERN = "^[A-Za-z0-9._-]{1,64}$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Code() {
    }

    public static boolean isValid(String value) {
        return value != null && COMPILED.matcher(value).matches();
    }

    /** Returns the value, or throws {@link InvalidValueException} naming {@code field}. */
    public static String require(String value, String field) {
        if (!isValid(value)) {
            throw new InvalidValueException(field, "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        return value;
    }
}
