package com.shipjoy.command.stock;

import static com.shipjoy.command.Rejections.conflict;
import static com.shipjoy.command.stock.StockFulfillmentTest.S1;
import static com.shipjoy.command.stock.StockFulfillmentTest.at;
import static com.shipjoy.command.stock.StockFulfillmentTest.closed;
import static com.shipjoy.command.stock.StockFulfillmentTest.picked;
import static com.shipjoy.command.stock.StockFulfillmentTest.planned;
import static com.shipjoy.command.stock.StockFulfillmentTest.shipped;
import static com.shipjoy.command.stock.StockTest.A;
import static com.shipjoy.command.stock.StockTest.B;
import static com.shipjoy.command.stock.StockTest.ID;
import static com.shipjoy.command.stock.StockTest.R1;
import static com.shipjoy.command.stock.StockTest.R2;
import static com.shipjoy.command.stock.StockTest.count;
import static com.shipjoy.command.stock.StockTest.counted;
import static com.shipjoy.command.stock.StockTest.move;
import static com.shipjoy.command.stock.StockTest.moved;
import static com.shipjoy.command.stock.StockTest.receive;
import static com.shipjoy.command.stock.StockTest.received;
import static com.shipjoy.command.stock.StockTest.release;
import static com.shipjoy.command.stock.StockTest.released;
import static com.shipjoy.command.stock.StockTest.reserve;
import static com.shipjoy.command.stock.StockTest.reserved;
import static com.shipjoy.events.stock.StockReleasedEvent.COUNT_SHORTFALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.command.warehouse.WarehouseCatalog;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.stock.ShipStockCommand;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Stock restored from a Jackson snapshot decides exactly as one rebuilt from its events. Every decision below is
 * checked against both: the event-sourced run proves the expectation, the snapshot run proves nothing was lost.
 */
class StockSnapshotTest {

    /**
     * A-01 holds 4, B-02 holds 3; o9 holds 2 and o1 holds 3, reserved first by o9 (so o1 is the newest, against
     * alphabetical order); o3's reservation came and went; lines R1#0 and R1#1 are posted.
     */
    private static final List<Object> HISTORY = List.of(
            received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0),
            received(R1, 1, B, 2).binHolds(2).onHand(7).reserved(0),
            reserved("o9", 2).onHand(7).reserved(2), reserved("o1", 3).onHand(7).reserved(5),
            reserved("o3", 1).onHand(7).reserved(6),
            released("o3", 1, "cancelled").onHand(7).reserved(5),
            moved(A, B, 1).fromHolds(4).toHolds(3).onHand(7).reserved(5));

    /**
     * A-01 holds 4, B-02 holds 1 and OUTBOUND 2: o1 holds 3, of which 1 was picked from A-01 and 2 are held in A-01
     * for its task; o2 holds 1, picked from B-02.
     */
    private static final List<Object> PICKING = List.of(
            received(R1, 0, A, 5).binHolds(5).onHand(5).reserved(0),
            received(R1, 1, B, 2).binHolds(2).onHand(7).reserved(0),
            reserved("o1", 3).onHand(7).reserved(3), reserved("o2", 1).onHand(7).reserved(4),
            planned("o1", at(A, 3)), closed("o1", A, 1),
            picked("o1", A, 1).binHolds(4).outboundHolds(1).onHand(7).reserved(4),
            picked("o2", B, 1).binHolds(1).outboundHolds(2).onHand(7).reserved(4));

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    /** A snapshot of HISTORY as Stock took it before its snapshots had a revision, in its shape of then. */
    private static final String UNREVISED_SNAPSHOT = """
            {"stockId":{"sku":"SKU-1","warehouseId":"WH1"},"locations":{"A-01":4,"B-02":3},"reserved":5,\
            "reservations":{"o9":2,"o1":3},"postedReceiptLines":["R1#0","R1#1"],"plans":{},"picked":{}}""";

    private static SerializedObject<String> snapshot;
    private static SerializedObject<String> pickingSnapshot;

    enum Source { EVENTS, SNAPSHOT }

    private AggregateTestFixture<Stock> fixture;

    @BeforeAll
    static void takeSnapshots() {
        snapshot = snapshotOf(HISTORY);
        pickingSnapshot = snapshotOf(PICKING);
    }

    /** Takes the snapshot the way Axon does, from the stored events, and serializes it as the snapshot store would. */
    private static SerializedObject<String> snapshotOf(List<Object> history) {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        try {
            eventStore.publish(stored(history));
            AggregateSnapshotter.builder()
                    .eventStore(eventStore)
                    .aggregateFactories(new GenericAggregateFactory<>(Stock.class))
                    .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                            ClasspathParameterResolverFactory.forClass(Stock.class),
                            new SimpleResourceParameterResolverFactory(Set.of(new FakeWarehouseCatalog()))))
                    .build()
                    .scheduleSnapshot(Stock.class, ID.toString());
            DomainEventMessage<?> taken = storage.readSnapshot(ID.toString()).orElseThrow();
            assertThat(taken.getPayload()).isInstanceOf(Stock.class);
            assertThat(taken.getSequenceNumber()).isEqualTo(history.size() - 1);
            return SERIALIZER.serialize(taken.getPayload(), String.class);
        } finally {
            eventStore.shutDown();
        }
    }

    private static List<DomainEventMessage<?>> stored(List<Object> events) {
        return IntStream.range(0, events.size())
                .<DomainEventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("Stock", ID.toString(), i,
                        events.get(i)))
                .toList();
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
        fixture.registerInjectableResource(new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02"));
    }

    private TestExecutor<Stock> given(Source source) {
        return given(source, HISTORY, snapshot);
    }

    private TestExecutor<Stock> given(Source source, List<Object> history, SerializedObject<String> taken) {
        return source == Source.EVENTS
                ? fixture.given(history)
                : fixture.givenState(() -> SERIALIZER.deserialize(taken));
    }

    @Test
    void snapshotCarriesTheStateAndSurvivesARoundTrip() {
        assertThat(snapshot.getData()).isNotEqualTo("{}")
                .contains("\"stockId\"", "\"locations\"", "\"reserved\"", "\"reservations\"", "\"postedLines\"");
        Stock restored = SERIALIZER.deserialize(snapshot);
        assertThat(SERIALIZER.serialize(restored, String.class).getData()).isEqualTo(snapshot.getData());
        Stock picking = SERIALIZER.deserialize(pickingSnapshot);
        assertThat(SERIALIZER.serialize(picking, String.class).getData()).isEqualTo(pickingSnapshot.getData());
    }

    /** Snapshots stored at revision 1 have this shape: a change to it must raise the revision. */
    @Test
    void snapshotHasTheShapeOfRevisionOne() {
        assertThat(pickingSnapshot.getData()).isEqualTo("""
                {"stockId":{"sku":"SKU-1","warehouseId":"WH1"},"locations":{"A-01":4,"B-02":1,"OUTBOUND":2},\
                "reserved":4,"reservations":{"reserved":{"o1":3,"o2":1},"planned":{"o1":{"units":{"A-01":2}}},\
                "picked":{"o1":{"units":{"A-01":1}},"o2":{"units":{"B-02":1}}}},"postedLines":["R1#0","R1#1"]}""");
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void postedReceiptLineIsNotPostedAgain(Source source) {
        given(source).when(receive(R1, 1, B, 2)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void newReceiptLineAddsToTheLocations(Source source) {
        given(source).when(receive(R2, 0, A, 1)).expectEvents(received(R2, 0, A, 1).binHolds(5).onHand(8).reserved(5));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void reserveIsLimitedToAvailable(Source source) {
        given(source).when(reserve("o4", 3)).expectEvents(reserved("o4", 2).onHand(7).reserved(7))
                .expectResultMessagePayload(2L);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void reserveTheRestAvailable(Source source) {
        given(source).when(reserve("o4", 2)).expectEvents(reserved("o4", 2).onHand(7).reserved(7));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void countShortfallRevokesTheNewestReservation(Source source) {
        given(source).when(count(A, 0))
                .expectEvents(released("o1", 2, COUNT_SHORTFALL).onHand(7).reserved(3),
                        counted(A).expected(4).counted(0).onHand(3).reserved(3))
                .expectResultMessagePayload(-4L);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void moveIsLimitedToWhatTheLocationHolds(Source source) {
        given(source).when(move(A, B, 5)).expectNoEvents().expectException(conflict());
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void moveWhatTheLocationHolds(Source source) {
        given(source).when(move(A, B, 4)).expectEvents(moved(A, B, 4).fromHolds(0).toHolds(7).onHand(7).reserved(5));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void releaseIsLimitedToWhatTheOrderHolds(Source source) {
        given(source).when(release("o9", 3)).expectEvents(released("o9", 2, "cancelled").onHand(7).reserved(3))
                .expectResultMessagePayload(2L);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void releaseWhatTheOrderHolds(Source source) {
        given(source).when(release("o9", 2)).expectEvents(released("o9", 2, "cancelled").onHand(7).reserved(3));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void releasedOrderHoldsNothing(Source source) {
        given(source).when(release("o3", 1)).expectNoEvents().expectResultMessagePayload(0L);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void unitsHeldForATaskCannotBeMoved(Source source) {
        given(source, PICKING, pickingSnapshot).when(move(A, B, 3)).expectNoEvents().expectException(conflict());
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void aReleasedOrdersPickedUnitsGoBackToTheirBin(Source source) {
        given(source, PICKING, pickingSnapshot).when(release("o1", 3))
                .expectEvents(moved(Location.OUTBOUND, A, 1).fromHolds(1).toHolds(5).onHand(7).reserved(4),
                        released("o1", 3, "cancelled").onHand(7).reserved(1));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void pickedUnitsShip(Source source) {
        given(source, PICKING, pickingSnapshot).when(new ShipStockCommand(ID, new OrderId("o2"), S1, Quantity.of(2)))
                .expectEvents(shipped("o2", 1).outboundHolds(1).onHand(6).reserved(3))
                .expectResultMessagePayload(1L);
    }

    /**
     * A snapshot stored before Stock's snapshots had a revision is passed over and the Stock rebuilt from its events:
     * the event store is built with Axon's snapshot filter as the application's is (EmbeddedEventStorage). Its
     * serializer is lenient like the application's, so that read, the old snapshot would load without its posted
     * lines and reservations. A snapshot taken now carries the revision and is used.
     */
    @Test
    void aSnapshotWithoutRevisionIsPassedOverAndTheStockRebuiltFromItsEvents() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:stock-snapshots;DB_CLOSE_DELAY=-1");
        EventSchema schema = new EventSchema();
        try (Connection connection = h2.getConnection()) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, schema).execute();
            PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(connection, schema).execute();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.snapshotTable()
                    + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,"
                    + " payloadRevision, payloadType, timeStamp) VALUES (?, ?, 'Stock', 'old', ?, ?, NULL, ?, ?)")) {
                insert.setString(1, ID.toString());
                insert.setLong(2, HISTORY.size() - 1);
                insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(4, UNREVISED_SNAPSHOT.getBytes(StandardCharsets.UTF_8));
                insert.setString(5, Stock.class.getName());
                insert.setString(6, Instant.now().toString());
                insert.execute();
            }
        }
        JacksonSerializer lenient = JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
        Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> lenient)
                .registerComponent(WarehouseCatalog.class,
                        c -> new FakeWarehouseCatalog().warehouse("WH1", "A-01", "B-02"))
                .configureAggregate(Stock.class)
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(new DataSourceConnectionProvider(h2))
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .snapshotSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .snapshotFilter(c.snapshotFilter())
                        .build())
                .start();
        try {
            axon.eventStore().publish(stored(HISTORY));

            axon.commandGateway().sendAndWait(receive(R1, 1, B, 2));
            assertThat(axon.commandGateway().<Long>sendAndWait(release("o9", 3))).isEqualTo(2L);
            assertThat(axon.eventStore().readEvents(ID.toString(), HISTORY.size()).asStream()
                    .<Object>map(Message::getPayload))
                    .containsExactly(released("o9", 2, "cancelled").onHand(7).reserved(3));

            axon.snapshotter().scheduleSnapshot(Stock.class, ID.toString());
            DomainEventMessage<?> loadedFrom = axon.eventStore().readEvents(ID.toString()).next();
            assertThat(loadedFrom.getPayload()).isInstanceOf(Stock.class);
            assertThat(loadedFrom.getSequenceNumber()).isEqualTo(HISTORY.size());
        } finally {
            axon.shutdown();
        }
    }
}
