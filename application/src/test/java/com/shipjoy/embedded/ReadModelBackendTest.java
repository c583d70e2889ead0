package com.shipjoy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash keeps, of the read models' store, a state where every operation before a kept one is kept too, whole: a
 * projection's token, written after its read-model writes, is never kept without them, and a document is never kept
 * without its {@code _id} index entry (one operation writes both, to two of MVStore's maps). Simulated: a writer
 * inserts a document, then sets its "token" in another collection, again and again, while commits run as often as
 * they can; the store is then dropped without a last commit (what {@code kill -9} leaves) and opened again.
 */
class ReadModelBackendTest {

    private static final int CRASHES = 25;

    @TempDir
    Path dir;

    @Test
    void aCrashNeverKeepsATokenWithoutTheWritesBeforeIt() throws Exception {
        for (int crash = 0; crash < CRASHES; crash++) {
            Path file = dir.resolve("readmodels-" + crash + ".mv");
            MVStore store = EmbeddedMongo.openStore(file, 16);
            ReadModelBackend backend = new ReadModelBackend(store);
            MongoServer server = new MongoServer(backend);
            AtomicBoolean crashed = new AtomicBoolean();
            try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server))) {
                MongoDatabase database = client.getDatabase("test");
                Thread writer = new Thread(() -> {
                    for (long n = 1; !crashed.get(); n++) {
                        try {
                            database.getCollection("documents").insertOne(new Document("_id", n));
                            save(database, "tokens", n);
                        } catch (RuntimeException storeGone) {
                            return;
                        }
                    }
                });
                Thread committer = new Thread(() -> {
                    while (!crashed.get()) {
                        backend.commit();
                    }
                });
                writer.start();
                committer.start();
                Thread.sleep(100 + crash * 7L);
                crashed.set(true);
                store.closeImmediately();
                committer.join();
                writer.join();
            } finally {
                server.shutdownNow();
            }
            assertThat(Files.exists(file)).isTrue();

            MVStore reopened = EmbeddedMongo.openStore(file, 16);
            MongoServer again = new MongoServer(new ReadModelBackend(reopened));
            try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(again))) {
                MongoDatabase database = client.getDatabase("test");
                long token = number(database, "tokens");
                long documents = database.getCollection("documents").countDocuments();
                long found = database.getCollection("documents").countDocuments(Filters.in("_id",
                        LongStream.rangeClosed(1, documents).boxed().toList()));
                assertThat(documents).as("crash %d: documents kept, token %d", crash, token)
                        .isGreaterThanOrEqualTo(token);
                assertThat(found).as("crash %d: kept documents found by _id", crash).isEqualTo(documents);
            } finally {
                again.shutdown();
            }
        }
    }

    private static void save(MongoDatabase database, String collection, long n) {
        database.getCollection(collection).replaceOne(Filters.eq("_id", 1), new Document("_id", 1).append("n", n),
                new ReplaceOptions().upsert(true));
    }

    private static long number(MongoDatabase database, String collection) {
        Document document = database.getCollection(collection).find(Filters.eq("_id", 1)).first();
        return document == null ? 0 : document.get("n", Number.class).longValue();
    }

    private static String hostAndPort(MongoServer server) {
        InetSocketAddress address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
