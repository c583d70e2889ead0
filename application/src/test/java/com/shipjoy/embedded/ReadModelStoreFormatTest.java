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
import java.time.Instant;
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
 * The read-model store's own formats: its index order is H2's own ({@link IndexKeyOrder}: every pair of keys compares
 * as H2 compares it), its documents are kept as BSON ({@link BsonDocuments}: every type a document holds comes back
 * as it was), and a store written by mongo-java-server's plain H2 backend (every store before these) opens with every
 * document found by {@code _id}, then takes new ones.
 */
class ReadModelStoreFormatTest {

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
        keys.addAll(unusualKeys());
        ObjectDataType h2 = new ObjectDataType();
        IndexKeyOrder order = new IndexKeyOrder();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(order.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    /** Keys at the edges of the plain ones (a single string of ASCII characters) that IndexKeyOrder takes apart. */
    private static List<KeyValue> unusualKeys() {
        return List.of(new KeyValue("a", 1L), new KeyValue("a", 2L), new KeyValue(""), new KeyValue("a"),
                new KeyValue("b"), new KeyValue("ab"), new KeyValue("ünïcødé"), new KeyValue("a\u0000b"),
                new KeyValue("~\u007f"), new KeyValue("x".repeat(300)), new KeyValue("y".repeat(70_000)),
                new KeyValue(List.of("ORD-1")), new KeyValue(java.util.Arrays.asList("ORD-2", null)));
    }

    @Test
    void everyKeyIsWrittenAsH2WritesItAndReadBackEqual() {
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>(unusualKeys());
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(i % 2 == 0 ? "ORD-" + random.nextInt(1_000_000) : random.nextLong()));
        }
        ObjectDataType h2 = new ObjectDataType();
        IndexKeyOrder order = new IndexKeyOrder();
        for (KeyValue key : keys) {
            org.h2.mvstore.WriteBuffer ours = new org.h2.mvstore.WriteBuffer();
            order.write(ours, key);
            order.write(ours, 42L);
            org.h2.mvstore.WriteBuffer theirs = new org.h2.mvstore.WriteBuffer();
            h2.write(theirs, key);
            h2.write(theirs, 42L);
            java.nio.ByteBuffer written = ours.getBuffer().flip();
            assertThat(written).as("%s as written", key).isEqualTo(theirs.getBuffer().flip());
            assertThat(order.read(written)).as("%s read back", key).isEqualTo(key);
            assertThat(order.read(written)).as("the value after %s", key).isEqualTo(42L);
            assertThat(written.hasRemaining()).isFalse();
        }
    }

    @Test
    void aStoreWrittenByThePlainH2BackendOpensWithEveryDocumentAndTakesNewOnes() {
        Path file = dir.resolve("readmodels.mv");
        List<Object> ids = new ArrayList<>();
        IntStream.range(0, 3000).forEach(i -> ids.add(i % 3 == 0 ? (Object) (i * 7919L) : "ORD-" + i * 7919));

        write(file, H2Backend::new, ids.subList(0, 2000));
        assertFound(file, ReadModelBackend::new, ids.subList(0, 2000));
        write(file, ReadModelBackend::new, ids.subList(2000, 3000));
        assertFound(file, ReadModelBackend::new, ids);
    }

    @Test
    void aDocumentComesBackWithEveryTypeItHeld() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "ORD-1")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("flag", true)
                .append("nothing", null).append("at", Instant.parse("2026-12-05T10:15:30.123Z"))
                .append("text", "ünïcødé ✓").append("list", new ArrayList<>(List.of(1, "two", 3L)))
                .append("nested", new de.bwaldvogel.mongo.bson.Document("a", List.of(
                        new de.bwaldvogel.mongo.bson.Document("b", 1L))))
                .append("decimal", new de.bwaldvogel.mongo.bson.Decimal128(new java.math.BigDecimal("12.34")))
                .append("objectId", new de.bwaldvogel.mongo.bson.ObjectId())
                .append("bytes", new de.bwaldvogel.mongo.bson.BinData(new byte[] {1, 2, 3}));
        BsonDocuments type = new BsonDocuments();
        org.h2.mvstore.WriteBuffer buffer = new org.h2.mvstore.WriteBuffer();
        type.write(buffer, document);
        type.write(buffer, 42L);
        java.nio.ByteBuffer written = buffer.getBuffer().flip();
        assertThat(written.get(0)).isEqualTo(BsonDocuments.TAG);
        Object read = type.read(written);
        assertThat(read).isEqualTo(document);
        assertThat(((de.bwaldvogel.mongo.bson.Document) read).get("long")).isInstanceOf(Long.class);
        assertThat(((de.bwaldvogel.mongo.bson.Document) read).get("at")).isInstanceOf(Instant.class);
        assertThat(type.read(written)).as("the value after it").isEqualTo(42L);
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void theStoreWritesNothingUntilItIsCommitted() {
        MVStore store = EmbeddedMongo.openStore(dir.resolve("readmodels.mv"), 16);
        try {
            org.h2.mvstore.MVMap<Integer, String> map = store.openMap("documents");
            store.commit();
            long writes = store.getFileStore().getWriteCount();
            String value = "x".repeat(1000);
            // Far beyond the ~19 MB of unsaved changes at which MVStore would commit inside a write by itself.
            IntStream.range(0, 100_000).forEach(i -> map.put(i, value + i));
            assertThat(store.getFileStore().getWriteCount()).isEqualTo(writes);
            store.commit();
            assertThat(store.getFileStore().getWriteCount()).isGreaterThan(writes);
        } finally {
            store.close();
        }
    }

    @Test
    void theMapsOfNewCollectionsAndOfThoseInTheStoreUseThem() {
        Path file = dir.resolve("readmodels.mv");
        write(file, ReadModelBackend::new, List.of("a", "b"));
        assertFormats(file);
        write(file, ReadModelBackend::new, List.of("c"));
        assertFormats(file);
    }

    private static void assertFormats(Path file) {
        MVStore store = EmbeddedMongo.openStore(file, 16);
        ReadModelBackend backend = new ReadModelBackend(store);
        try {
            backend.resolveDatabase("test");
            List<String> indexes = store.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexes).isNotEmpty();
            indexes.forEach(name -> assertThat(store.openMap(name).getKeyType()).as(name)
                    .isInstanceOf(IndexKeyOrder.class));
            List<String> documents = store.getMapNames().stream().filter(name -> name.startsWith("databases.test."))
                    .toList();
            assertThat(documents).isNotEmpty();
            documents.forEach(name -> assertThat(store.openMap(name).getValueType()).as(name)
                    .isInstanceOf(BsonDocuments.class));
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
