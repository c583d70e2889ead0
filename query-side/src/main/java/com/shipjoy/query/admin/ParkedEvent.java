package com.shipjoy.query.admin;

import java.time.Instant;
import org.springframework.lang.Nullable;

/**
 * A dead letter: the event a read model could not process ({@code type}, event-store {@code position},
 * {@code timestamp}), the {@code sequence} it blocks (the order, stock or shipment whose later events wait behind
 * it), the {@code error}, when it was parked, when last retried (null: never) and how many retries failed.
 */
record ParkedEvent(String type, long position, Instant timestamp, String sequence, @Nullable Error error,
                   Instant parkedAt, @Nullable Instant lastRetriedAt, long retries) {

    /** The exception's class and message (the message at most 1,024 characters). */
    record Error(String type, String message) {
    }
}
