package com.shipjoy.projections.stream;

import java.util.List;

/**
 * The durable record of the changes each view published, by position: what a stream that resumes after a position
 * reads before it goes on live. Entries are keyed by view and position (one event changes one document of a view),
 * so writing an entry again, as events delivered again after a crash do, leaves one entry.
 */
public interface ChangeLog {

    /** Stores {@code changes} of {@code view} (idempotent). */
    void write(View view, List<Change> changes);

    /** The changes of {@code view} at positions {@code from} to {@code to}, both inclusive, in position order; only
     *  those of {@code key} unless it is null. */
    List<Change> read(View view, long from, long to, String key);

    /** The lowest position whose changes are all still kept (0 until anything was trimmed). */
    long keptFrom(View view);

    /** Forgets the changes of {@code view} below {@code position}. */
    void trimBelow(View view, long position);
}
