package com.shipjoy.projections.audit;

import com.mongodb.client.MongoCursor;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every inventory level and every sku's audit checkpoints, as the consistency audit reads them all: mapped by hand
 * from the driver's documents, in the shape Spring Data stores the records, because Spring Data's mapping of
 * 200,000 documents was two fifths of the audit's CPU at 100,000 levels. {@code AuditReadsTest} checks that they
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

    private static <T> Stream<T> all(MongoTemplate mongo, Class<T> type, Function<Document, T> read) {
        MongoCursor<Document> cursor = mongo.getCollection(mongo.getCollectionName(type)).find().cursor();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .map(read).onClose(cursor::close);
    }

    static InventoryDocument inventory(Document document) {
        return new InventoryDocument(document.getString("_id"), number(document, "onHand"),
                number(document, "reserved"), number(document, "available"),
                list(document, "warehouses", warehouse -> new WarehouseStock(warehouse.getString("warehouseId"),
                        number(warehouse, "onHand"), number(warehouse, "reserved"), number(warehouse, "available"),
                        locations(warehouse), optionalNumber(warehouse, "sequence"))));
    }

    static StockCheckpoints checkpoints(Document document) {
        return new StockCheckpoints(document.getString("_id"), list(document, "warehouses", stock ->
                new StockCheckpoints.Stock(stock.getString("warehouseId"), optionalNumber(stock, "firstPosition"),
                        checkpoint(stock.get("current", Document.class)), list(stock, "earlier", mark ->
                        new StockCheckpoints.Mark(number(mark, "sequence"), instant(mark, "timestamp"))))));
    }

    private static Checkpoint checkpoint(Document checkpoint) {
        return checkpoint == null ? null : new Checkpoint(number(checkpoint, "sequence"),
                instant(checkpoint, "timestamp"), number(checkpoint, "movements"), number(checkpoint, "reserved"),
                locations(checkpoint));
    }

    private static List<LocationStock> locations(Document document) {
        return list(document, "locations", location -> new LocationStock(location.getString("location"),
                number(location, "quantity")));
    }

    private static <T> List<T> list(Document document, String field, Function<Document, T> read) {
        List<Document> elements = document.getList(field, Document.class);
        return elements == null ? null : elements.stream().map(read).toList();
    }

    private static long number(Document document, String field) {
        Number number = document.get(field, Number.class);
        return number == null ? 0 : number.longValue();
    }

    private static Long optionalNumber(Document document, String field) {
        Number number = document.get(field, Number.class);
        return number == null ? null : number.longValue();
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
