package com.shipjoy.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order and the on-disk form of mongo-java-server's index keys in the read-model store, unchanged, at a fraction
 * of their cost. Its keys ({@link KeyValue}) are not {@link Comparable}, so H2's {@link ObjectDataType} compares two of
 * them by their Java serializations, serializing both at every step of every B-tree search, and writes and reads
 * each key of a page through an object stream: most of the embedded MongoDB server's CPU during a replay.
 *
 * <p>Almost every key is a <em>plain</em> one: a single string of ASCII characters (an {@code _id}). Its
 * serialization is a fixed prefix, the string's length in two bytes, its characters and an end marker, so two plain
 * keys compare as their serializations do by length first, then character by character; such a key is written as
 * exactly those bytes, built without a stream, and read back without one. Any other key is serialized as H2 does,
 * its serialization kept while the key is in memory (a page's keys while the page is cached, a search's key for the
 * search). The maps already on disk therefore keep their order and format exactly.
 */
final class IndexKeyOrder extends ObjectDataType {

    /** H2's tag for a Java-serialized value ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}, package-private). */
    static final byte SERIALIZED = 19;
    private static final byte TC_STRING = 0x74;
    private static final byte TC_ENDBLOCKDATA = 0x78;
    /** A plain key's serialization up to its string: that of the key of the empty string less its last 4 bytes. */
    private static final byte[] PREFIX;

    static {
        byte[] empty = ObjectDataType.serialize(new KeyValue(""));
        int end = empty.length - 4;
        if (!Arrays.equals(empty, end, empty.length, new byte[] {TC_STRING, 0, 0, TC_ENDBLOCKDATA}, 0, 4)) {
            throw new IllegalStateException("unexpected serialization of an index key: " + Arrays.toString(empty));
        }
        PREFIX = Arrays.copyOf(empty, end);
    }

    /**
     * By identity (weak keys), bounded: the keys other than plain ones of the cached pages (MVStore's page cache,
     * 16 MiB by default) and of the searches under way, each a few hundred bytes.
     */
    private final Cache<KeyValue, byte[]> serialized = Caffeine.newBuilder().weakKeys().maximumSize(50_000).build();

    @Override
    public int compare(Object a, Object b) {
        if (a != b && a instanceof KeyValue first && b instanceof KeyValue second) {
            String x = plain(first);
            String y = plain(second);
            if (x != null && y != null) {
                return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            }
            return compareNotNull(serialized(first), serialized(second));
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object obj) {
        // As H2 estimates a serialized value: twice its serialization (its average, for other keys).
        String plain = obj instanceof KeyValue key ? plain(key) : null;
        return plain != null ? 2 * (PREFIX.length + 4 + plain.length()) : super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        String plain = obj instanceof KeyValue key ? plain(key) : null;
        if (plain == null) {
            super.write(buff, obj);
            return;
        }
        int length = plain.length();
        buff.put(SERIALIZED).putVarInt(PREFIX.length + 4 + length).put(PREFIX).put(TC_STRING)
                .putShort((short) length);
        for (int i = 0; i < length; i++) {
            buff.put((byte) plain.charAt(i));
        }
        buff.put(TC_ENDBLOCKDATA);
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        if (buff.get(start) == SERIALIZED) {
            buff.position(start + 1);
            int size = DataUtils.readVarInt(buff);
            int at = buff.position();
            int length = size - PREFIX.length - 4;
            if (length >= 0 && buff.get(at + PREFIX.length) == TC_STRING
                    && (buff.getShort(at + PREFIX.length + 1) & 0xFFFF) == length
                    && buff.get(at + size - 1) == TC_ENDBLOCKDATA
                    && buff.slice(at, PREFIX.length).equals(ByteBuffer.wrap(PREFIX))) {
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    byte c = buff.get(at + PREFIX.length + 3 + i);
                    if (c <= 0) {
                        chars = null;
                        break;
                    }
                    chars[i] = (char) c;
                }
                if (chars != null) {
                    buff.position(at + size);
                    return new KeyValue(new String(chars));
                }
            }
            buff.position(start);
        }
        return super.read(buff);
    }

    /** The key's string if it is a plain key (one string of at most 65,535 characters, each 1-127), else null. */
    private static String plain(KeyValue key) {
        if (key.size() != 1 || !(key.get(0) instanceof String value) || value.length() > 0xFFFF) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 127) {
                return null;
            }
        }
        return value;
    }

    private byte[] serialized(KeyValue key) {
        return serialized.get(key, ObjectDataType::serialize);
    }
}
