package com.shipjoy.platform.idempotency;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.util.context.ContextView;

/**
 * A request carrying an {@code Idempotency-Key}, kept in the Reactor context while it runs, so that the command it
 * causes carries the key to be claimed in that command's transaction (see {@link IdempotencyKeys#claim}).
 */
public final class IdempotentRequest {

    /** Command metadata that claims a key: the user, the key and the request's fingerprint. */
    static final String USER = "idempotencyUser";
    static final String KEY = "idempotencyKey";
    static final String FINGERPRINT = "idempotencyFingerprint";

    private final String user;
    private final String key;
    private final String fingerprint;
    private final AtomicBoolean claimed = new AtomicBoolean();

    IdempotentRequest(String user, String key, String fingerprint) {
        this.user = user;
        this.key = key;
        this.fingerprint = fingerprint;
    }

    /**
     * The metadata that claims the key, for every command of the request until one has succeeded (a command that
     * fails rolls its claim back with it, and the next one claims again); empty once claimed or without a key.
     */
    public static Map<String, String> claimOf(ContextView context) {
        return context.<IdempotentRequest>getOrEmpty(IdempotentRequest.class)
                .filter(request -> !request.claimed.get())
                .map(request -> Map.of(USER, request.user, KEY, request.key, FINGERPRINT, request.fingerprint))
                .orElse(Map.of());
    }

    /** After a command carrying {@link #claimOf} succeeded: the key is claimed. */
    public static void claimed(ContextView context) {
        context.<IdempotentRequest>getOrEmpty(IdempotentRequest.class)
                .ifPresent(request -> request.claimed.set(true));
    }
}
