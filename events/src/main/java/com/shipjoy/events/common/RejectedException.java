package com.shipjoy.events.common;

/** Thrown by command handlers when a rule refuses the command; nothing has been applied. */
public class RejectedException extends RuntimeException {

    private final Rejection rejection;

    public RejectedException(Rejection.Kind kind, String message, String field) {
        super(message);
        this.rejection = new Rejection(kind, message, field);
    }

    public static RejectedException conflict(String message) {
        return new RejectedException(Rejection.Kind.CONFLICT, message, null);
    }

    public static RejectedException notFound(String message) {
        return new RejectedException(Rejection.Kind.NOT_FOUND, message, null);
    }

    public static RejectedException invalid(String field, String message) {
        return new RejectedException(Rejection.Kind.INVALID, message, field);
    }

    public Rejection rejection() {
        return rejection;
    }
}
