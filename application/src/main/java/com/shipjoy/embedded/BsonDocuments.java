package com.shipjoy.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the read-model store keeps mongo-java-server's documents: as BSON, the format they arrive in, rather than as
 * H2's {@link ObjectDataType} keeps any other object, by Java serialization (a fresh {@code ObjectOutputStream} with
 * its class descriptors for every document written, an {@code ObjectInputStream} for every one read: the largest
 * part of the store's CPU in replays and in the consistency audit). A BSON value is written after a tag of its own
 * that H2 never writes; everything else (and a document BSON cannot hold) is written as H2 writes it, and values
 * written before this existed are read as H2 reads them, so stores made before it open unchanged.
 */
final class BsonDocuments extends ObjectDataType {

    /** Unused by {@link ObjectDataType}, whose tags are 0–14, 19, 32–49 and 64–119. */
    static final byte TAG = 121;
    /**
     * A decoded document's heap size over its BSON size, about: MVStore's page cache counts its pages by these
     * estimates (and H2's own, for Java-serialized objects, counts a running average of their serialized size).
     */
    private static final int HEAP_PER_BSON_BYTE = 4;

    /** Running average of the BSON sizes written and read. */
    private volatile int averageSize = 256;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? HEAP_PER_BSON_BYTE * averageSize : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            ByteBuf bson = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException notBson) {
                bson.release();
                super.write(buffer, value);
                return;
            }
            average(bson.readableBytes());
            buffer.put(TAG).put(bson.nioBuffer());
            bson.release();
            return;
        }
        super.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != TAG) {
            return super.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        average(bson.readerIndex());
        return document;
    }

    private void average(int size) {
        averageSize = (size + 15 * averageSize) / 16;
    }
}
