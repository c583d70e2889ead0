package com.shipjoy.events.common;

/**
 * Why the domain refused a command. Carried as the details of a command execution exception so that the
 * HTTP layer maps it to the same status whether the handler ran in this JVM or behind Axon Server.
 */
/** {@code field} names the offending request field for {@link Kind#INVALID}, where known (else null). */
public record Rejection(Kind kind, String message, String field) {

    public enum Kind {
        /** The input names something that does not fit the domain, e.g. an unknown location (400). */
        INVALID,
        /** The addressed warehouse, sku, order, … does not exist (404). */
        NOT_FOUND,
        /** Valid input the domain refuses in its current state (409). */
        CONFLICT
    }
}
