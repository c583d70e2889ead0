package com.shipjoy.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded event store's file compact. With {@code WRITE_DELAY=0} (a commit is on disk before it is
 * answered) H2 runs no background thread, and with it goes the housekeeping that thread does: every commit writes a
 * new chunk of changed pages, the old ones stay partly live, and the file grew by 10–20 KiB per event (1.4 GB after
 * ten minutes of orders), which made start-up, page reads and commits slower as the history grew. This does what the
 * background thread would: every second it rewrites the emptiest chunks (1 MiB at a time, under H2's own store
 * lock, as the background thread does), so that their space is reused by the next commits.
 */
@Component
class EventStoreHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(EventStoreHousekeeping.class);
    /** Rewrite while less than this share of the chunks' bytes is live. */
    static final int TARGET_FILL_RATE = 80;
    /** At most this much rewritten per round: short enough not to hold commits up for long. */
    static final int WRITE_PER_ROUND = 1 << 20;

    private final DataSource dataSource;
    /** Found at the first round; empty when the event store is not an H2 database in this process. */
    private Optional<MVStore> store;

    EventStoreHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(fixedDelayString = "${shipjoy.event-store.housekeeping-interval:PT1S}")
    void compact() throws SQLException {
        if (store == null) {
            store = find();
        }
        store.filter(mvStore -> !mvStore.isClosed()) // closing at shutdown
                .ifPresent(mvStore -> mvStore.compact(TARGET_FILL_RATE, WRITE_PER_ROUND));
    }

    private Optional<MVStore> find() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                return Optional.of(session.getDatabase().getStore().getMvStore());
            }
        }
        log.info("The event store is not an H2 database in this process: no housekeeping here");
        return Optional.empty();
    }
}
