package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Issue 13: the embedded system cannot be exposed beyond loopback with the development users (password = name): the
 * process started on every interface with them exits with a message that says how to configure real users; with a
 * real user whose password is hashed it starts there, and the development users do not exist.
 */
class ExposedStartTest {

    @TempDir
    Path dir;

    @Test
    void withTheDevelopmentUsersAStartOnEveryInterfaceIsRefusedWithHowToConfigureRealOnes() throws Exception {
        ChildServer server = ChildServer.launch(dir, "--server.address=0.0.0.0");
        try {
            assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("the process ends; log:\n%s",
                    server.logTail()).isTrue();
            assertThat(server.process().exitValue()).isNotZero();
            String log = Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
            assertThat(log).contains("Refusing to start: the development users (password = user name) are on while "
                    + "the server listens on 0.0.0.0").contains("shipjoy.security.dev-users=false")
                    .contains("shipjoy.security.users.<name>.password={bcrypt}");
        } finally {
            server.close();
        }
    }

    @Test
    void withRealHashedUsersItStartsOnEveryInterfaceAndNoDevelopmentUserSignsIn() throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode("correct horse");
        try (ChildServer server = ChildServer.start(dir, "--server.address=0.0.0.0",
                "--shipjoy.security.dev-users=false", "--shipjoy.security.users.ops.password={bcrypt}" + hash,
                "--shipjoy.security.users.ops.roles=ADMIN")) {
            assertThat(get(server, "ops", "correct horse")).isEqualTo(200);
            assertThat(get(server, "admin", "admin")).isEqualTo(401);
        }
    }

    private static int get(ChildServer server, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/admin/projections")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
