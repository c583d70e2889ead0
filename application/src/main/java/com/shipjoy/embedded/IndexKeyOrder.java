package com.shipjoy.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order of mongo-java-server's index keys in the read-model store, unchanged, at a fraction of its cost. Its keys
 * ({@link KeyValue}) are not {@link Comparable}, so H2's {@link ObjectDataType} compares two of them by their Java
 * serializations, serializing both at every step of every B-tree search: three quarters of the embedded MongoDB
 * server's CPU during a replay. Here each key's serialization is kept while the key is in memory (a page's keys while
 * the page is cached, a search's key for the search), so the order of the maps already on disk stays exactly as it is.
 */
final class IndexKeyOrder extends ObjectDataType {

    /**
     * By identity (weak keys), bounded: the keys of the cached pages (MVStore's page cache, 16 MiB by default) and
     * of the searches under way, each a few hundred bytes.
     */
    private final Cache<KeyValue, byte[]> serialized = Caffeine.newBuilder().weakKeys().maximumSize(50_000).build();

    @Override
    public int compare(Object a, Object b) {
        if (a != b && a instanceof KeyValue first && b instanceof KeyValue second) {
            return compareNotNull(serialized(first), serialized(second));
        }
        return super.compare(a, b);
    }

    private byte[] serialized(KeyValue key) {
        return serialized.get(key, ObjectDataType::serialize);
    }
}
