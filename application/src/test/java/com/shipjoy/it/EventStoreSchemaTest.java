package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restart leaves the event table's unique constraints as they are: Hibernate's default schema update dropped and
 * re-created them at every start, which rebuilt their indexes over the whole history (25 s at a million events).
 * A remark put on each constraint between two starts survives only if the second start does not re-create it.
 */
class EventStoreSchemaTest {

    @Test
    void aRestartKeepsTheEventTablesUniqueConstraints() throws Exception {
        Path dataDir = Files.createTempDirectory("shipjoy-schema-");
        EmbeddedApp.start(dataDir).close();
        String url = "jdbc:h2:async:" + dataDir.resolve("eventstore") + ";DB_CLOSE_ON_EXIT=FALSE";
        List<String> constraints = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet unique = statement.executeQuery("SELECT CONSTRAINT_NAME FROM "
                    + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = 'DOMAIN_EVENT_ENTRY' "
                    + "AND CONSTRAINT_TYPE = 'UNIQUE'")) {
                while (unique.next()) {
                    constraints.add(unique.getString(1));
                }
            }
            assertThat(constraints).as("event id, aggregate + sequence").hasSize(2);
            for (String constraint : constraints) {
                statement.execute("COMMENT ON CONSTRAINT \"" + constraint + "\" IS 'kept'");
            }
        }

        EmbeddedApp.start(dataDir).close();

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet remarks = statement.executeQuery("SELECT CONSTRAINT_NAME, REMARKS FROM "
                     + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = 'DOMAIN_EVENT_ENTRY' "
                     + "AND CONSTRAINT_TYPE = 'UNIQUE'")) {
            List<String> kept = new ArrayList<>();
            while (remarks.next()) {
                assertThat(remarks.getString(2)).as(remarks.getString(1)).isEqualTo("kept");
                kept.add(remarks.getString(1));
            }
            assertThat(kept).containsExactlyInAnyOrderElementsOf(constraints);
        }
    }
}
