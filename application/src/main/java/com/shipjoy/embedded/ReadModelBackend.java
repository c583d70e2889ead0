package com.shipjoy.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with commits that hold, for every collection, exactly the operations finished
 * before them, each whole. MVStore's own background commit takes each map's state one after the other while writes go on, so it
 * could keep a projection's token, written after its read-model writes, without those writes: after a {@code kill -9}
 * the read model then lacked events its token had passed, for good (DurabilityTest caught it once: three receipts
 * missing from the inventory), and one operation writes two maps (a document and its {@code _id} index entry).
 * Here MVStore never commits by itself: {@link #commit()} runs while no write does (writes share a lock that the
 * commit takes alone; reads, which change no map, take none, so a long query never holds a commit up), and also
 * rewrites a little of the emptiest chunks, the housekeeping its background thread would have done.
 */
final class ReadModelBackend extends H2Backend {

    /** Rewrite chunks while less than this share of their bytes is live. */
    private static final int TARGET_FILL_RATE = 80;
    /** At most this much rewritten per commit: short enough not to hold operations up for long. */
    private static final int REWRITE_PER_COMMIT = 1 << 20;

    /** The commands that change maps. */
    private static final Set<String> WRITES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        WRITES.addAll(List.of("insert", "update", "delete", "findAndModify", "create", "createIndexes",
                "dropIndexes", "drop", "dropDatabase", "renameCollection"));
    }

    /** How mongo-java-server names an index's map: the collection's namespace, this, the index's name. */
    private static final String INDEX = "._index_";
    private static final IndexKeyOrder KEY_ORDER = new IndexKeyOrder();
    /** How mongo-java-server names a collection's documents' map: this, then the collection's namespace. */
    private static final String DOCUMENTS = "databases.";
    private static final BsonDocuments DOCUMENTS_AS_BSON = new BsonDocuments();
    /** How mongo-java-server names a collection's metadata map: this, then the collection's namespace. */
    private static final String META = "meta.";

    private final MVStore store;
    private final ReentrantReadWriteLock operations = new ReentrantReadWriteLock();

    /** {@code store}: opened with its auto-commit disabled. */
    ReadModelBackend(MVStore store) {
        super(store);
        this.store = store;
    }

    /**
     * mongo-java-server's database, its indexes ordered by {@link IndexKeyOrder} and its documents kept as BSON
     * ({@link BsonDocuments}): the maps already in the store are opened with them here before the database opens them
     * by name (MVStore then hands out the open map), those created later when they are.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        MVStore mvStore = getMvStore();
        for (String name : mvStore.getMapNames()) {
            if (name.startsWith(databaseName + ".") && name.contains(INDEX)) {
                openIndex(mvStore, name);
            } else if (name.startsWith(DOCUMENTS + databaseName + ".")) {
                openDocuments(mvStore, name);
            }
        }
        return new H2Database(databaseName, mvStore, getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
                openIndex(mvStore, getFullCollectionNamespace(collectionName) + INDEX + indexName);
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }

            /**
             * As H2Database opens a collection, without keeping its data size: mongo-java-server measures it by
             * encoding the document before and after every update (a tenth of the server's CPU in a replay), for
             * collection statistics nothing here reads.
             */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName,
                                                                    CollectionOptions options) {
                String namespace = getFullCollectionNamespace(collectionName);
                return new H2Collection(this, collectionName, options, openDocuments(mvStore, DOCUMENTS + namespace),
                        mvStore.openMap(META + namespace), cursorRegistry) {
                    @Override
                    protected boolean tracksDataSize() {
                        return false;
                    }
                };
            }
        };
    }

    private static void openIndex(MVStore mvStore, String name) {
        mvStore.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(KEY_ORDER));
    }

    private static MVMap<Object, Document> openDocuments(MVStore mvStore, String name) {
        return mvStore.openMap(name, new MVMap.Builder<Object, Document>().valueType(DOCUMENTS_AS_BSON));
    }

    /** Every command, also those of the wire protocol's messages, comes through here. */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!WRITES.contains(command)) {
            return super.handleCommand(channel, database, command, query);
        }
        Lock shared = operations.readLock();
        shared.lock();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            shared.unlock();
        }
    }

    /** Writes every finished operation to the file, none half. A no-op once the store is closed. */
    @Override
    public void commit() {
        Lock alone = operations.writeLock();
        alone.lock();
        try {
            if (!store.isClosed()) {
                store.commit();
                store.compact(TARGET_FILL_RATE, REWRITE_PER_COMMIT);
            }
        } finally {
            alone.unlock();
        }
    }

    /** Closes the store (which commits what is left) while no operation or commit runs. */
    @Override
    public void close() {
        Lock alone = operations.writeLock();
        alone.lock();
        try {
            super.close();
        } finally {
            alone.unlock();
        }
    }
}
