package com.shipjoy.projections.audit;

import com.mongodb.client.MongoCursor;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every inventory level and every sku's audit checkpoints, as the consistency audit reads them all: decoded by hand
 * straight from the driver's BSON reader, in the shape Spring Data stores the records. At 100,000 levels Spring Data's
 * mapping of 200,000 documents was two fifths of the audit's CPU; without it, building the driver's own documents (a
 * map per document and per nested one) was a fifth of the audit's samples. {@code AuditReadsTest} checks that they
 * read exactly what Spring Data reads.
 */
public final class AuditReads {

    private AuditReads() {
    }

    /** Every inventory document (close the stream). */
    public static Stream<InventoryDocument> inventory(MongoTemplate mongo) {
        return all(mongo, InventoryDocument.class, AuditReads::inventory);
    }

    /** Every sku's checkpoints (close the stream). */
    public static Stream<StockCheckpoints> checkpoints(MongoTemplate mongo) {
        return all(mongo, StockCheckpoints.class, AuditReads::checkpoints);
    }

    private static <T> Stream<T> all(MongoTemplate mongo, Class<T> type, Function<BsonReader, T> read) {
        Codec<T> codec = new Codec<>() {
            @Override
            public T decode(BsonReader reader, DecoderContext context) {
                return read.apply(reader);
            }

            @Override
            public void encode(BsonWriter writer, T value, EncoderContext context) {
                throw new UnsupportedOperationException("The audit only reads");
            }

            @Override
            public Class<T> getEncoderClass() {
                return type;
            }
        };
        MongoCursor<T> cursor = mongo.getCollection(mongo.getCollectionName(type)).withDocumentClass(type)
                .withCodecRegistry(CodecRegistries.fromCodecs(codec)).find().cursor();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .onClose(cursor::close);
    }

    private static InventoryDocument inventory(BsonReader reader) {
        String sku = null;
        long onHand = 0;
        long reserved = 0;
        long available = 0;
        List<WarehouseStock> warehouses = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "_id" -> sku = string(reader);
                case "onHand" -> onHand = number(reader);
                case "reserved" -> reserved = number(reader);
                case "available" -> available = number(reader);
                case "warehouses" -> warehouses = list(reader, AuditReads::warehouseStock);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new InventoryDocument(sku, onHand, reserved, available, warehouses);
    }

    private static WarehouseStock warehouseStock(BsonReader reader) {
        String warehouseId = null;
        long onHand = 0;
        long reserved = 0;
        long available = 0;
        List<LocationStock> locations = null;
        Long sequence = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "warehouseId" -> warehouseId = string(reader);
                case "onHand" -> onHand = number(reader);
                case "reserved" -> reserved = number(reader);
                case "available" -> available = number(reader);
                case "locations" -> locations = list(reader, AuditReads::location);
                case "sequence" -> sequence = optionalNumber(reader);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new WarehouseStock(warehouseId, onHand, reserved, available, locations, sequence);
    }

    private static StockCheckpoints checkpoints(BsonReader reader) {
        String sku = null;
        List<StockCheckpoints.Stock> warehouses = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "_id" -> sku = string(reader);
                case "warehouses" -> warehouses = list(reader, AuditReads::stock);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new StockCheckpoints(sku, warehouses);
    }

    private static StockCheckpoints.Stock stock(BsonReader reader) {
        String warehouseId = null;
        Long firstPosition = null;
        Checkpoint current = null;
        List<StockCheckpoints.Mark> earlier = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "warehouseId" -> warehouseId = string(reader);
                case "firstPosition" -> firstPosition = optionalNumber(reader);
                case "current" -> current = nullable(reader, AuditReads::checkpoint);
                case "earlier" -> earlier = list(reader, AuditReads::mark);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new StockCheckpoints.Stock(warehouseId, firstPosition, current, earlier);
    }

    private static Checkpoint checkpoint(BsonReader reader) {
        long sequence = 0;
        Instant timestamp = null;
        long movements = 0;
        long reserved = 0;
        List<LocationStock> locations = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "sequence" -> sequence = number(reader);
                case "timestamp" -> timestamp = instant(reader);
                case "movements" -> movements = number(reader);
                case "reserved" -> reserved = number(reader);
                case "locations" -> locations = list(reader, AuditReads::location);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new Checkpoint(sequence, timestamp, movements, reserved, locations);
    }

    private static StockCheckpoints.Mark mark(BsonReader reader) {
        long sequence = 0;
        Instant timestamp = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "sequence" -> sequence = number(reader);
                case "timestamp" -> timestamp = instant(reader);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new StockCheckpoints.Mark(sequence, timestamp);
    }

    private static LocationStock location(BsonReader reader) {
        String location = null;
        long quantity = 0;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "location" -> location = string(reader);
                case "quantity" -> quantity = number(reader);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new LocationStock(location, quantity);
    }

    /** The current value, read: null for BSON null, else what {@code read} makes of it. */
    private static <T> T nullable(BsonReader reader, Function<BsonReader, T> read) {
        if (reader.getCurrentBsonType() == BsonType.NULL) {
            reader.readNull();
            return null;
        }
        return read.apply(reader);
    }

    private static <T> List<T> list(BsonReader reader, Function<BsonReader, T> element) {
        return nullable(reader, array -> {
            List<T> elements = new ArrayList<>();
            array.readStartArray();
            while (array.readBsonType() != BsonType.END_OF_DOCUMENT) {
                elements.add(element.apply(array));
            }
            array.readEndArray();
            return List.copyOf(elements);
        });
    }

    private static String string(BsonReader reader) {
        return nullable(reader, BsonReader::readString);
    }

    private static long number(BsonReader reader) {
        Long number = optionalNumber(reader);
        return number == null ? 0 : number;
    }

    private static Long optionalNumber(BsonReader reader) {
        return nullable(reader, value -> switch (value.getCurrentBsonType()) {
            case INT32 -> (long) value.readInt32();
            case INT64 -> value.readInt64();
            case DOUBLE -> (long) value.readDouble();
            default -> throw new IllegalStateException("Not a number: " + value.getCurrentBsonType());
        });
    }

    private static Instant instant(BsonReader reader) {
        return nullable(reader, value -> Instant.ofEpochMilli(value.readDateTime()));
    }
}
