package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;

/**
 * Reading one aggregate's events costs in proportion to the events read, not to the rest of its stream: H2 reads each
 * batch from the unique index on (aggregate, sequence number) and stops after it, where Axon's own query made it read
 * and sort the whole rest of the stream for every batch of 100 (as-of and the audit read streams of 100,000 events).
 */
class AggregateStreamReadTest {

    private static final int STREAM = 1_000;
    private static final Set<String> statements = ConcurrentHashMap.newKeySet();

    /** Records the SQL Hibernate sends, so that the test can ask H2 how it runs the aggregate read. */
    public static final class Recorder implements StatementInspector {

        @Override
        public String inspect(String sql) {
            statements.add(sql);
            return sql;
        }
    }

    @Test
    void aBatchOfALongStreamReadsTheBatchAlone() throws Exception {
        try (EmbeddedApp app = EmbeddedApp.start("--spring.jpa.properties.hibernate.session_factory"
                + ".statement_inspector=" + Recorder.class.getName())) {
            String aggregate = "stream-read-probe";
            app.bean(EventStorageEngine.class).appendEvents(IntStream.range(0, STREAM)
                    .<DomainEventMessage<?>>mapToObj(sequence -> new GenericDomainEventMessage<>("Probe", aggregate,
                            sequence, "movement " + sequence))
                    .toList());

            // Three batches and a bit, in order, from the middle of the stream.
            List<Long> sequences = app.bean(EventStore.class).readEvents(aggregate, 650).asStream()
                    .map(DomainEventMessage::getSequenceNumber).toList();
            assertThat(sequences).containsExactlyElementsOf(
                    IntStream.range(650, STREAM).mapToObj(Long::valueOf).toList());

            String read = statements.stream()
                    .filter(sql -> sql.contains("aggregate_identifier=?") && sql.contains("sequence_number>=?"))
                    .filter(sql -> sql.contains("domain_event_entry"))
                    .findFirst().orElseThrow(() -> new AssertionError("no aggregate read among " + statements));
            String plan = explain(app, read, aggregate);
            assertThat(plan).as(plan).contains("index sorted");
            Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
            assertThat(scanned.find()).as(plan).isTrue();
            assertThat(Long.parseLong(scanned.group(1))).as(plan).isLessThanOrEqualTo(101);
        }
    }

    /** H2's plan for {@code sql} reading the stream from its first event, a batch of 100, after running it. */
    private static String explain(EmbeddedApp app, String sql, String aggregate) throws Exception {
        try (Connection connection = app.bean(DataSource.class).getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            int parameters = explain.getParameterMetaData().getParameterCount();
            explain.setString(1, aggregate);
            explain.setLong(2, 0);
            for (int parameter = 3; parameter <= parameters; parameter++) {
                explain.setInt(parameter, 100); // the batch size (Hibernate's only other parameter here)
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }
}
