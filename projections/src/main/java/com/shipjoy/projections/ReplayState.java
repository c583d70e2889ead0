package com.shipjoy.projections;

import java.util.OptionalDouble;

/** Whether a read model is being rebuilt by a replay, as the projection status reports it. */
public interface ReplayState {

    /** How far the replay of {@code readModel} has got, from 0 to 1; empty when it is not replaying. */
    OptionalDouble progress(String readModel);
}
