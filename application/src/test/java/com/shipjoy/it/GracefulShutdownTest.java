package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A SIGTERM under load (an answered command survives a stop; no lost event, no half-applied
 * change). Stopping lets the requests in flight finish (server.shutdown=graceful) and closes the event store: the
 * server must exit in bounded time, and on the same data afterwards every command it answered 2xx is in effect, a
 * command of every kind works, and every read model agrees with the event store.
 */
class GracefulShutdownTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 100;
    private static final int ANSWERS_BEFORE_STOP = 100;

    @Test
    void aSigtermUnderLoadExitsInTimeAndKeepsEverythingItAnswered() throws Exception {
        Path dataDir = Files.createTempDirectory("shipjoy-term-");
        CommandMix mix = new CommandMix();
        try (ChildServer server = ChildServer.start(dataDir)) {
            CommandMix.Transport http = request -> {
                HttpResponse<String> answer = server.send(request.user(), request.path(), request.body());
                return new CommandMix.Answer(answer.statusCode(), answer.body());
            };
            CommandMix.setUp(http, CLIENTS);
            mix.start(http, CLIENTS, REQUESTS_PER_CLIENT, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mix.answered.get() < ANSWERS_BEFORE_STOP && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.process().destroy(); // SIGTERM, while the clients are still sending
            boolean exited = server.process().waitFor(60, TimeUnit.SECONDS);
            mix.stop();
            assertThat(exited).as("server exited within 60 s of SIGTERM; its log:\n%s", server.logTail()).isTrue();
            assertThat(mix.awaitDone(Duration.ofSeconds(60))).as("clients finished").isTrue();
        }
        assertThat(mix.answered2xx.get()).as(mix.summary()).isGreaterThanOrEqualTo(ANSWERS_BEFORE_STOP / 2);
        assertThat(mix.receipts).as("receipts answered before the stop (%s)", mix.summary()).isNotEmpty();

        try (EmbeddedApp app = EmbeddedApp.start(dataDir)) {
            Api api = new Api(app);
            Aftermath.everyCommandWorks(app, api, mix);
            Aftermath.assertConsistent(api, Aftermath.quiet(app), mix);
        }
        // A stopping server may turn work away (503: retry elsewhere or later), but must not fail what it took on.
        assertThat(mix.serverErrors).as("5xx answers while running and stopping (%s)", mix.summary())
                .allSatisfy(error -> assertThat(error).contains("→ 503 "));
    }
}
