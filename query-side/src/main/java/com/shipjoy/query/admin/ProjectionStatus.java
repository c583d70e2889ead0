package com.shipjoy.query.admin;

/**
 * A read model as {@code GET /api/admin/projections} shows it: {@code progress} is 0 to 1 while it replays and 1
 * otherwise; {@code deadLetters} counts the events it parked.
 */
record ProjectionStatus(String name, Status status, long position, long headPosition, long lag, double progress,
                        long deadLetters) {

    enum Status {
        /** Processing as events arrive. */
        LIVE,
        /** Being rebuilt from the first event. */
        REPLAYING,
        /** It has parked events (dead letters), or its processor fails and retries. */
        ERROR
    }
}
