package com.shipjoy.platform.idempotency;

/**
 * The answer of a command request as the client received it, to be repeated to a retry: status, the two headers that
 * carry meaning ({@code Content-Type} and {@code X-Event-Position}, each null when absent) and the body.
 */
public record StoredAnswer(int status, String contentType, String eventPosition, byte[] body) {
}
