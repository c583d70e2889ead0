package com.shipjoy.query.stream;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.stream.Change;
import com.shipjoy.projections.stream.ChangeFeed;
import com.shipjoy.projections.stream.ChangeLog;
import com.shipjoy.projections.stream.View;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import reactor.test.StepVerifier;

/**
 * How a stream starts, against a fake change log: what the integration test cannot time. (The rest of the streams'
 * behaviour is in the integration test, {@code StreamsTest}.)
 */
class StreamStartTest {

    private static final Change AT_3 = new Change(3, "O-1", List.of("web"), "{\"orderId\":\"O-1\"}");

    @Test
    void aResumeReadsTheLoggedChangesAfterItsLastEventId() {
        StepVerifier.create(streams(new Log(0)).open(View.ORDERS, new Streams.Selection(null, null), 2L))
                .expectNextMatches(event -> "3".equals(event.id()) && "order".equals(event.event()))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    /** Changes may go out between the stream's subscription and its start; without a snapshot none is dropped. */
    @Test
    void aStreamWithoutKeyOrLastEventIdSendsChangesAtOrBelowTheProcessedPosition() {
        Log log = new Log(0);
        ChangeFeed feed = new ChangeFeed(log, new ObjectMapper(), 100);
        StepVerifier.create(streams(feed, log).open(View.ORDERS, new Streams.Selection(null, null), null))
                .then(() -> feed.publish(View.ORDERS, List.of(AT_3)))
                .expectNextMatches(event -> "3".equals(event.id()))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    /** Changes it read may be missing, so it ends, and the client's next resume gets a reset. */
    @Test
    void aResumeWhoseChangesWereTrimmedWhileItReadThemEnds() {
        StepVerifier.create(streams(new Log(50)).open(View.ORDERS, new Streams.Selection(null, null), 2L))
                .expectError(Streams.Trimmed.class)
                .verify(Duration.ofSeconds(5));
    }

    private static Streams streams(ChangeLog log) {
        return streams(new ChangeFeed(log, new ObjectMapper(), 100), log);
    }

    /** Streams over {@code log}, with the event store's head and the read model's position at 10. */
    private static Streams streams(ChangeFeed feed, ChangeLog log) {
        EventPositions positions = mock(EventPositions.class);
        when(positions.head()).thenReturn(10L);
        when(positions.processed(ReadModels.ORDERS)).thenReturn(10L);
        return new Streams(feed, log, positions, mock(MongoTemplate.class), new SimpleMeterRegistry(), 8,
                Duration.ofSeconds(15));
    }

    /** Holds one change at position 3, and keeps everything until it is read; then from {@code trimmedTo}. */
    private static final class Log implements ChangeLog {

        private final long trimmedTo;
        private volatile long keptFrom;

        Log(long trimmedTo) {
            this.trimmedTo = trimmedTo;
        }

        @Override
        public void write(View view, List<Change> changes) {
        }

        @Override
        public List<Change> read(View view, long from, long to, String key) {
            keptFrom = trimmedTo;
            return from <= 3 && 3 <= to ? List.of(AT_3) : List.of();
        }

        @Override
        public long keptFrom(View view) {
            return keptFrom;
        }

        @Override
        public void trimBelow(View view, long position) {
        }
    }
}
