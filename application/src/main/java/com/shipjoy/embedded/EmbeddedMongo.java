package com.shipjoy.embedded;

import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * Serves the MongoDB wire protocol in-process (mongo-java-server, persistent H2 MVStore under the data directory)
 * on a loopback port ({@code shipjoy.embedded-mongo.port}, default 0: a free one), and points the real MongoDB
 * driver at it. A fixed port lets tools outside the process reach the read models, e.g. the benchmark harness
 * seeding 100,000 orders through the projection's own code. Switched off with
 * {@code shipjoy.embedded-mongo.enabled=false}, the driver uses {@code spring.data.mongodb.uri} as given.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shipjoy.embedded-mongo.enabled", havingValue = "true")
class EmbeddedMongo {

    static final String SERVER_BEAN = "embeddedMongoServer";

    @Bean
    ReadModelBackend readModelBackend(@Value("${shipjoy.data-dir}") Path dataDir,
                                      @Value("${shipjoy.embedded-mongo.cache-size:16}") int cacheMiB)
            throws IOException {
        Files.createDirectories(dataDir);
        return new ReadModelBackend(openStore(dataDir.resolve("readmodels.mv"), cacheMiB));
    }

    @Bean(name = SERVER_BEAN, destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(ReadModelBackend backend, @Value("${shipjoy.embedded-mongo.port:0}") int port) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return server;
    }

    /**
     * Commits the read models every {@code shipjoy.embedded-mongo.commit-interval}: what a crash may lose of their
     * writes (their tokens with them, so the events are processed again). See {@link ReadModelBackend}.
     */
    @Bean
    SchedulingConfigurer readModelCommits(ReadModelBackend backend,
                                          @Value("${shipjoy.embedded-mongo.commit-interval:PT1S}") Duration every) {
        return registrar -> registrar.addFixedDelayTask(backend::commit, every);
    }

    /**
     * Opens the read-model file through H2's {@code async:} file system (an {@code AsynchronousFileChannel}): Java
     * closes a plain {@code FileChannel} when a thread blocked in it is interrupted, which would close the store for
     * good; an asynchronous channel's I/O is waited for, so an interrupt cannot reach it (see
     * docs/architecture.md, Durability). It commits only when told to ({@link ReadModelBackend}): disabling the
     * auto-commit stops MVStore's background commits, and a write buffer of 0 also the commit MVStore would otherwise
     * make inside a write once ~19 MB of changes are unsaved (mid-operation, not every map at one instant; and a
     * fifth of the server's CPU during a replay). {@code cacheMiB}:
     * MVStore's page cache, which keeps pages with their documents already deserialized (MVStore counts their
     * serialized size).
     */
    static MVStore openStore(Path file, int cacheMiB) {
        return new MVStore.Builder().fileName("async:" + file).autoCommitDisabled().autoCommitBufferSize(0)
                .cacheSize(cacheMiB).open();
    }

    /** Runs after Boot's own customizer, so the embedded address replaces the host of the configured URI. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer embeddedMongoAddress(MongoServer embeddedMongoServer) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        return settings -> settings.applyToClusterSettings(cluster -> cluster.hosts(List.of(
                new ServerAddress(address.getHostString(), address.getPort()))));
    }

    /** Clients start after the server and close before it. */
    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor mongoClientsDependOnEmbeddedServer() {
        return new AbstractDependsOnBeanFactoryPostProcessor(MongoClient.class, SERVER_BEAN) {
        };
    }
}
