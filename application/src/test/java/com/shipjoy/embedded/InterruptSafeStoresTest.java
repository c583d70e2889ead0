package com.shipjoy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Why both embedded stores open their files through H2's {@code async:} file system: a thread interrupted while it
 * writes (a cancelled request, a processor shutting down, Axon's unit-of-work timeout) must not close the store. Each
 * case interrupts a writing thread hundreds of times, then expects the store to take more writes and keep all rows of
 * committed transactions. The {@code file:} case shows what the embedded default did before.
 */
class InterruptSafeStoresTest {

    private static final int INTERRUPTS = 300;

    @Test
    void anInterruptedWriterCannotCloseTheEventStoreDatabase() throws Exception {
        Path dir = Files.createTempDirectory("shipjoy-interrupt-");
        String url = "jdbc:h2:async:" + dir.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        int committed = insertWhileInterrupted(url);

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(count(connection)).as("rows of committed inserts").isEqualTo(committed);
            insert(connection, -1);
            assertThat(count(connection)).isEqualTo(committed + 1);
        }
    }

    @Test
    void withPlainFileChannelsTheSameInterruptsCloseTheDatabase() throws Exception {
        Path dir = Files.createTempDirectory("shipjoy-interrupt-");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection keepOpen = DriverManager.getConnection(url, "sa", "")) {
            insertWhileInterrupted(url);
            assertThat(closedByInterrupt(keepOpen)).as("the database was closed by an interrupt").isTrue();
        }
    }

    @Test
    void anInterruptedWriterCannotCloseTheReadModelStore() throws Exception {
        Path file = Files.createTempDirectory("shipjoy-interrupt-").resolve("readmodels.mv");
        MVStore store = EmbeddedMongo.openStore(file, 16);
        MVMap<Integer, String> map = store.openMap("documents");
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000 && !store.isClosed(); i++) {
                map.put(i, "document " + i);
                store.commit();
                written.set(i + 1);
            }
        });
        interruptRepeatedly(writer);

        assertThat(store.isClosed()).as("closed by an interrupt").isFalse();
        map.put(-1, "after the interrupts");
        store.close();
        MVStore reopened = EmbeddedMongo.openStore(file, 16);
        assertThat(reopened.<Integer, String>openMap("documents").size()).isEqualTo(written.get() + 1);
        reopened.close();
    }

    /** Inserts rows one autocommit at a time on a thread interrupted again and again; answers how many committed. */
    private static int insertWhileInterrupted(String url) throws Exception {
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Statement statement = setup.createStatement()) {
            statement.execute("create table entry (id int primary key, payload varchar(200))");
        }
        AtomicInteger committed = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        insert(connection, i);
                        committed.incrementAndGet();
                    } catch (SQLException interrupted) {
                        if (closedByInterrupt(connection)) {
                            return;
                        }
                    }
                }
            } catch (SQLException closed) {
                // the plain file system's case: the database is gone
            }
        });
        interruptRepeatedly(writer);
        return committed.get();
    }

    private static void interruptRepeatedly(Thread writer) throws InterruptedException {
        writer.start();
        for (int i = 0; i < INTERRUPTS && writer.isAlive(); i++) {
            writer.interrupt();
            Thread.sleep(0, 200_000);
        }
        writer.join(60_000);
        assertThat(writer.isAlive()).isFalse();
    }

    private static void insert(Connection connection, int id) throws SQLException {
        Thread.interrupted(); // a real caller's interrupt is not ours to keep; the next statement starts clean
        try (PreparedStatement insert = connection.prepareStatement("insert into entry values (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, "x".repeat(150));
            insert.executeUpdate();
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from entry")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean closedByInterrupt(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            Thread.interrupted();
            statement.executeQuery("select count(*) from entry").close();
            return false;
        } catch (SQLException e) {
            return e.getMessage().contains("closed");
        }
    }
}
