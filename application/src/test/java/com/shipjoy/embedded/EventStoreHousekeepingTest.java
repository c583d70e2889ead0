package com.shipjoy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Why the event store needs {@link EventStoreHousekeeping}: with {@code WRITE_DELAY=0} every commit leaves partly
 * used chunks behind that nothing rewrites, so the file grows far faster than the rows in it. The same event-shaped
 * commits are written into two stores, one of them with the housekeeping running. {@code RETENTION_TIME=0} lets H2
 * reuse freed space at once: the server keeps H2's 45 s, so there the space is reused that much later.
 */
class EventStoreHousekeepingTest {

    private static final int COMMITS = 4_000;
    private static final int HOUSEKEEPING_EVERY = 200;

    @Test
    void housekeepingKeepsTheFileNearTheSizeOfItsData() throws Exception {
        long without = fileAfterCommits(false);
        long with = fileAfterCommits(true);

        assertThat(with).as("file with housekeeping (%d bytes) against without (%d bytes)", with, without)
                .isLessThan(without / 3);
    }

    private static long fileAfterCommits(boolean housekeeping) throws Exception {
        Path dir = Files.createTempDirectory("shipjoy-housekeeping-");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:async:" + dir.resolve("eventstore") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=0");
        dataSource.setUser("sa");
        EventStoreHousekeeping keeper = new EventStoreHousekeeping(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE events (global_index BIGINT PRIMARY KEY, event_identifier "
                        + "VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL, sequence_number "
                        + "BIGINT NOT NULL, payload BLOB NOT NULL, UNIQUE (aggregate_identifier, sequence_number))");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < COMMITS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setString(3, "stock:SKU-" + (i % 64));
                    insert.setLong(4, i / 64);
                    insert.setBytes(5, ("{\"sku\":\"SKU-" + (i % 64) + "\",\"quantity\":1,\"from\":\"A-01\",\"to\":"
                            + "\"A-02\",\"fromQuantityAfter\":" + i + "}").getBytes());
                    insert.executeUpdate();
                    if (housekeeping && i % HOUSEKEEPING_EVERY == 0) {
                        keeper.compact();
                    }
                }
            }
            return Files.size(dir.resolve("eventstore.mv.db"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
