package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.sql.Types;
import java.util.List;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.descriptor.jdbc.BlobJdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The event store's schema as the embedded mode keeps it. A restart leaves the event table's unique constraints as
 * they are: Hibernate's default schema update dropped and re-created them at every start, which rebuilt their indexes
 * over the whole history (25 s at a million events). A remark put on each constraint between two starts survives
 * only if the second start does not re-create it. And the payload and metadata stay BLOB columns while Hibernate
 * reads them with {@code getBytes} ({@code BlobsAsBytes}), those up to 8 KiB kept in their row.
 */
class EventStoreSchemaTest {

    @Test
    void blobColumnsAreReadAsBytesAndStayBlobs() throws Exception {
        Path dataDir = Files.createTempDirectory("shipjoy-schema-");
        try (EmbeddedApp app = EmbeddedApp.start(dataDir)) {
            JdbcType blob = app.bean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class)
                    .getTypeConfiguration().getJdbcTypeRegistry().getDescriptor(Types.BLOB);
            assertThat(blob).isSameAs(BlobJdbcType.MATERIALIZED);
            new Api(app).post("warehouse", "/api/warehouses", """
                    {"warehouseId":"SCHEMA-W","name":"Main","locations":["A-01"]}""", HttpStatus.CREATED);
        }
        // After a restart the warehouse is loaded from its event (the payload read as bytes) to take a location.
        try (EmbeddedApp app = EmbeddedApp.start(dataDir)) {
            Api api = new Api(app);
            long position = api.post("warehouse", "/api/warehouses/SCHEMA-W/locations", """
                    {"locations":["A-02"]}""", HttpStatus.OK).position();
            assertThat(api.read("agent", "/api/warehouses/SCHEMA-W", position).path("locations").toString())
                    .isEqualTo("[\"A-01\",\"A-02\",\"OUTBOUND\"]");
        }
        try (Connection connection = eventStore(dataDir);
             Statement statement = connection.createStatement()) {
            try (ResultSet columns = statement.executeQuery("SELECT COLUMN_NAME, DATA_TYPE FROM "
                    + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'DOMAIN_EVENT_ENTRY' "
                    + "AND COLUMN_NAME IN ('PAYLOAD', 'META_DATA')")) {
                List<String> types = new ArrayList<>();
                while (columns.next()) {
                    types.add(columns.getString(1) + " " + columns.getString(2));
                }
                assertThat(types).containsExactlyInAnyOrder("PAYLOAD BINARY LARGE OBJECT",
                        "META_DATA BINARY LARGE OBJECT");
            }
            // Kept in the database (opened here without the setting): BLOBs up to 8 KiB stay in their row.
            try (ResultSet inPlace = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                    + "WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")) {
                assertThat(inPlace.next()).isTrue();
                assertThat(inPlace.getString(1)).isEqualTo("8192");
            }
        }
    }

    /** The event store of a stopped system, opened as a tool would open it. */
    private static Connection eventStore(Path dataDir) throws Exception {
        return DriverManager.getConnection("jdbc:h2:async:" + dataDir.resolve("eventstore")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    @Test
    void aRestartKeepsTheEventTablesUniqueConstraints() throws Exception {
        Path dataDir = Files.createTempDirectory("shipjoy-schema-");
        EmbeddedApp.start(dataDir).close();
        List<String> constraints = new ArrayList<>();
        try (Connection connection = eventStore(dataDir);
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

        try (Connection connection = eventStore(dataDir);
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
