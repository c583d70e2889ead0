package com.shipjoy.projections;

import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/** No read model replays yet: the replay that rebuilds one in the background takes this class's place. */
@Component
class NotReplaying implements ReplayState {

    @Override
    public OptionalDouble progress(String readModel) {
        return OptionalDouble.empty();
    }
}
