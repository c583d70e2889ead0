package com.shipjoy.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The change log on the embedded read-model store (mongo-java-server), through the real driver. */
class MongoChangeLogTest {

    private final MongoServer server = new MongoServer(new H2Backend(MVStore.open(null)));
    private final AtomicInteger deletes = new AtomicInteger();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://" + hostAndPort(server)))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("delete")) {
                        deletes.incrementAndGet();
                    }
                }
            }).build());
    private final MongoChangeLog log = new MongoChangeLog(new MongoTemplate(client, "test"));

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void onAStoreWithALongHistoryTheFirstTrimLooksOnlyWhereChangesWereLogged() {
        log.write(View.ORDERS, List.of(change(5_000_000), change(5_000_001)));

        log.trimBelow(View.ORDERS, 5_000_001);

        // From position 0 this would have been 5,000 deletes of 1,000 ids each, on the projection's thread.
        assertThat(deletes.get()).isEqualTo(1);
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

    private static String hostAndPort(MongoServer server) {
        java.net.InetSocketAddress address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
