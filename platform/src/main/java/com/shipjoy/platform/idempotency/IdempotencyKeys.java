package com.shipjoy.platform.idempotency;

import java.util.Optional;

/**
 * Where {@code Idempotency-Key}s are kept, per user, beside the command side's other lookups. A key is claimed in the
 * transaction of the first command it causes, so a command and its key commit together or not at all, and a retry
 * after a crash can never apply the command again.
 */
public interface IdempotencyKeys {

    /** What is known of this user's key: the fingerprint of its request and, once answered, the answer. */
    Optional<Entry> find(String user, String key);

    /**
     * Records, inside the running command's transaction, that a request with this key and fingerprint is applied.
     * Throws {@link KeyTakenException} when the key is recorded already (by a request running elsewhere).
     */
    void claim(String user, String key, String fingerprint);

    /** Keeps the answer of the key's request, creating the entry if no command claimed it (e.g. a 400). */
    void answer(String user, String key, String fingerprint, StoredAnswer answer);

    record Entry(String fingerprint, Optional<StoredAnswer> answer) {
    }

    final class KeyTakenException extends RuntimeException {

        public KeyTakenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
