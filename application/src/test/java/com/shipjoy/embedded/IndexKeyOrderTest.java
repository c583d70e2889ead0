package com.shipjoy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-model store's index order is H2's own: every pair of keys compares as H2 compares it, and a store written
 * with H2's order (every store before {@link IndexKeyOrder}) finds every document by {@code _id} with the new one, and
 * the other way round.
 */
class IndexKeyOrderTest {

    @TempDir
    Path dir;

    @Test
    void everyPairOfKeysComparesAsH2ComparesIt() {
        Random random = new Random(12);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(new KeyValue(switch (i % 5) {
                case 0 -> "ORD-" + random.nextInt(100_000);
                case 1 -> random.nextLong();
                case 2 -> random.nextInt(1000);
                case 3 -> "u=" + "x".repeat(random.nextInt(40)) + i;
                default -> new de.bwaldvogel.mongo.bson.Document("sku", "S" + random.nextInt(50)).append("n", i);
            }));
        }
        keys.add(new KeyValue("a", 1L));
        keys.add(new KeyValue("a", 2L));
        ObjectDataType h2 = new ObjectDataType();
        IndexKeyOrder order = new IndexKeyOrder();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(order.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    @Test
    void aStoreWrittenWithH2sOrderFindsEveryDocumentWithThisOneAndTheOtherWayRound() {
        Path file = dir.resolve("readmodels.mv");
        List<Object> ids = new ArrayList<>();
        IntStream.range(0, 3000).forEach(i -> ids.add(i % 3 == 0 ? (Object) (i * 7919L) : "ORD-" + i * 7919));

        write(file, H2Backend::new, ids.subList(0, 2000));
        assertFound(file, ReadModelBackend::new, ids.subList(0, 2000));
        write(file, ReadModelBackend::new, ids.subList(2000, 3000));
        assertFound(file, H2Backend::new, ids);
        assertFound(file, ReadModelBackend::new, ids);
    }

    @Test
    void theIndexesOfNewCollectionsAndOfThoseInTheStoreUseIt() {
        Path file = dir.resolve("readmodels.mv");
        write(file, ReadModelBackend::new, List.of("a", "b"));
        assertIndexOrder(file);
        write(file, ReadModelBackend::new, List.of("c"));
        assertIndexOrder(file);
    }

    private static void assertIndexOrder(Path file) {
        MVStore store = EmbeddedMongo.openStore(file, 16);
        ReadModelBackend backend = new ReadModelBackend(store);
        try {
            backend.resolveDatabase("test");
            List<String> indexes = store.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexes).isNotEmpty();
            indexes.forEach(name -> assertThat(store.openMap(name).getKeyType()).as(name)
                    .isInstanceOf(IndexKeyOrder.class));
        } finally {
            backend.close();
        }
    }

    private static void write(Path file, Function<MVStore, H2Backend> backend, List<Object> ids) {
        use(file, backend, documents -> documents.insertMany(ids.stream()
                .map(id -> new Document("_id", id).append("n", id.toString())).toList()));
    }

    private static void assertFound(Path file, Function<MVStore, H2Backend> backend, List<Object> ids) {
        use(file, backend, documents -> {
            for (Object id : ids) {
                Document found = documents.find(Filters.eq("_id", id)).first();
                assertThat(found).as("document %s", id).isNotNull();
                assertThat(found.getString("n")).isEqualTo(id.toString());
            }
            assertThat(documents.countDocuments()).isEqualTo(ids.size());
        });
    }

    private static void use(Path file, Function<MVStore, H2Backend> backend,
                            Consumer<MongoCollection<Document>> work) {
        H2Backend opened = backend.apply(EmbeddedMongo.openStore(file, 16));
        MongoServer server = new MongoServer(opened);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":"
                + address.getPort())) {
            work.accept(client.getDatabase("test").getCollection("documents"));
        } finally {
            server.shutdown();
        }
    }
}
