package com.shipjoy.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.projections.InProcessMongo;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change log on the embedded read-model store (mongo-java-server), through the real driver. */
class MongoChangeLogTest {

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoChangeLog log = new MongoChangeLog(store.template());

    @Test
    void onAStoreWithALongHistoryTheFirstTrimLooksOnlyWhereChangesWereLogged() {
        log.write(View.ORDERS, List.of(change(5_000_000), change(5_000_001)));

        log.trimBelow(View.ORDERS, 5_000_001);

        // From position 0 this would have been 5,000 deletes of 1,000 ids each, on the projection's thread.
        assertThat(store.sent("delete", MongoChangeLog.COLLECTION)).isEqualTo(1);
        assertThat(log.keptFrom(View.ORDERS)).isEqualTo(5_000_001);
        assertThat(log.read(View.ORDERS, 4_999_000, 5_000_001, null)).extracting(Change::position)
                .containsExactly(5_000_001L);
    }

    @Test
    void aTrimForgetsTheChangesBelowItsBoundAndKeepsTheRest() {
        log.write(View.INVENTORY, LongStream.range(100, 200).mapToObj(MongoChangeLogTest::change).toList());
        assertThat(log.keptFrom(View.INVENTORY)).isZero();

        log.trimBelow(View.INVENTORY, 150);

        assertThat(log.keptFrom(View.INVENTORY)).isEqualTo(150);
        assertThat(log.read(View.INVENTORY, 0, 199, null)).extracting(Change::position)
                .containsExactlyElementsOf(LongStream.range(150, 200).boxed().toList());
    }

    private static Change change(long position) {
        return new Change(position, "O-" + position, List.of("web"), "{}");
    }

}
