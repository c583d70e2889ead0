package com.shipjoy.projections;

/**
 * Work a read model leaves out of a replay's shadow because it costs far less done once, from the shadow's documents,
 * than event by event, and completes when the shadow has stopped, before its generation becomes current
 * ({@link ReadModelReplays}). It runs bound to the shadow's generation ({@link ReadModelCollections}) while the live
 * processor is stopped, so it is the shadow's only writer; a crash before the switch runs it again at the next
 * switch, so it starts from the documents alone.
 */
public interface ReplayCompletion {

    /** The read model ({@link ReadModels}) it completes. */
    String readModel();

    /** Completes the shadow's collections from its documents. */
    void complete();
}
