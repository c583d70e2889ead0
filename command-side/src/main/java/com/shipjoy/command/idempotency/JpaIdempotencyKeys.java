package com.shipjoy.command.idempotency;

import com.shipjoy.platform.Sha256;
import com.shipjoy.platform.idempotency.IdempotencyKeys;
import com.shipjoy.platform.idempotency.StoredAnswer;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keys in a table of the command side's database, beside the other lookups; in the embedded mode that is the event
 * store's database, so a claim commits in the same transaction as the command's events. Kept for
 * {@code shipjoy.idempotency.retention} (default 24 hours) and forgotten within the hour after.
 */
@Component
class JpaIdempotencyKeys implements IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(JpaIdempotencyKeys.class);

    private final IdempotencyKeyEntries entries;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    JpaIdempotencyKeys(IdempotencyKeyEntries entries, EntityManager entityManager, TransactionTemplate transactions,
                       @Value("${shipjoy.idempotency.retention:PT24H}") Duration retention) {
        this.entries = entries;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.retention = retention;
    }

    @Override
    public Optional<Entry> find(String user, String key) {
        return entries.findById(id(user, key)).map(entry -> new Entry(entry.fingerprint(),
                Optional.ofNullable(entry.status()).map(status -> new StoredAnswer(status, entry.contentType(),
                        entry.eventPosition(), entry.body() == null ? new byte[0] : entry.body()))));
    }

    /** persist, not save: a second claim of the key must violate the primary key, not overwrite the first. */
    @Override
    public void claim(String user, String key, String fingerprint) {
        try {
            entityManager.persist(new IdempotencyKeyEntry(id(user, key), fingerprint, clock.instant()));
            entityManager.flush();
        } catch (ConstraintViolationException taken) {
            throw new KeyTakenException("A request with this Idempotency-Key is being processed already.", taken);
        }
    }

    @Override
    public void answer(String user, String key, String fingerprint, StoredAnswer answer) {
        transactions.executeWithoutResult(status -> {
            IdempotencyKeyEntry entry = entries.findById(id(user, key)).orElseGet(() -> entries.save(
                    new IdempotencyKeyEntry(id(user, key), fingerprint, clock.instant())));
            entry.answer(answer.status(), answer.contentType(), answer.eventPosition(), answer.body());
        });
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetExpired() {
        int forgotten = entries.deleteCreatedBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} idempotency keys older than {}", forgotten, retention);
        }
    }

    private static String id(String user, String key) {
        return Sha256.hex(user + '\u0000' + key);
    }
}
