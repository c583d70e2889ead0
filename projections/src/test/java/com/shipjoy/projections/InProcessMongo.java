package com.shipjoy.projections;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonValue;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded read-model store for a projection's tests: mongo-java-server on an in-memory MVStore, reached through
 * the real driver, counting the commands it is sent; closed after each test. Register it as a field with
 * {@code @RegisterExtension}.
 */
public final class InProcessMongo implements AfterEachCallback {

    private final MongoServer server = new MongoServer(new H2Backend(MVStore.open(null)));
    /** Commands sent, by "command collection", e.g. "update kpi_buckets". */
    private final Map<String, Integer> commands = new ConcurrentHashMap<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    BsonValue collection = event.getCommand().get(event.getCommandName());
                    commands.merge(event.getCommandName() + " "
                            + (collection != null && collection.isString() ? collection.asString().getValue() : ""),
                            1, Integer::sum);
                }
            }).build());
    private final MongoTemplate template = new MongoTemplate(client, "test");

    public MongoTemplate template() {
        return template;
    }

    /** How many {@code command}s (e.g. "update", "delete") were sent for {@code collection} so far. */
    public int sent(String command, String collection) {
        return commands.getOrDefault(command + " " + collection, 0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.shutdown();
    }
}
