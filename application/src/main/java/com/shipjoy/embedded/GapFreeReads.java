package com.shipjoy.embedded;

import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA engine with tokens that never carry gaps. Appends commit in index order ({@link OrderedAppends}), so an
 * index missing below a stored event belongs to a transaction that rolled back (or died with a killed process) and
 * can never appear. A tracked gap would only make every read "globalIndex > ? OR globalIndex IN (gaps)", which H2
 * answers by scanning the whole table, while "globalIndex > ?" reads one index range: a read then costs the same
 * whatever the history. Tokens stored with gaps by earlier versions lose them at their first read.
 */
final class GapFreeReads extends JpaEventStorageEngine {

    GapFreeReads(JpaEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return super.fetchTrackedEvents(withoutGaps(lastToken), batchSize).stream()
                .<TrackedEventData<?>>map(event -> new TrackedDomainEventData<>(withoutGaps(event.trackingToken()),
                        (TrackedDomainEventData<?>) event))
                .toList();
    }

    private static TrackingToken withoutGaps(TrackingToken token) {
        return token instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()
                ? GapAwareTrackingToken.newInstance(gapAware.getIndex(), Collections.emptySortedSet())
                : token;
    }
}
