package com.shipjoy.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Makes appends to the JPA event store commit in the order of their global index.
 * <p>
 * The index comes from a sequence when the events are inserted, but transactions commit in any order; a reader can
 * then see event n+1 while n is still uncommitted. Axon's gap-aware tokens are meant to cover that, but in practice
 * late-committed events were skipped by tracking processors, and the token of such an event does not tell its own
 * index, so every position-keyed read model (ledger, history, stream ids) would be wrong. Holding one lock from the
 * insert until the unit of work has committed (or rolled back) removes out-of-order commits altogether. Axon Server,
 * the distributed mode's store, assigns positions in order itself and needs none of this.
 */
final class OrderedAppends implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final ReentrantLock appendLock = new ReentrantLock();

    OrderedAppends(EventStorageEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        appendLock.lock();
        if (!CurrentUnitOfWork.isStarted()) {
            try {
                delegate.appendEvents(events);
            } finally {
                appendLock.unlock();
            }
            return;
        }
        // Released as soon as the transaction has committed (after-commit handlers run after the commit phase, in
        // reverse order, so this one first) or rolled back: nothing that runs later (a snapshot, token bookkeeping)
        // may hold the lock while it waits for a database connection that a thread queued on the lock holds.
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.afterCommit(committed -> appendLock.unlock());
        unitOfWork.onRollback(rolledBack -> appendLock.unlock());
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
