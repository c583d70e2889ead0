package com.shipjoy.events.warehouse;

/**
 * What a create command answers: {@code true} when it stored something new, {@code false} when it repeated an earlier
 * identical request and stored nothing (the API answers 201 and 200 respectively).
 */
public record Created(boolean created) {

    public static final Created NEW = new Created(true);
    public static final Created REPEATED = new Created(false);
}
