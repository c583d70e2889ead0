package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.platform.security.AccessMatrix;
import com.shipjoy.platform.security.Role;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

/**
 * The role matrix ({@link AccessMatrix}) as the running system enforces it, generated from the
 * matrix itself: every row is called as every role and as nobody, and exactly the allowed ones pass the security
 * layer (whatever the endpoint then answers to a dummy id or an empty body: 200, 400, 404…); the others get 401
 * (nobody) or 403. Every endpoint the application maps has a row, and every API row an endpoint, so an endpoint added
 * without its row fails the build.
 */
class AccessMatrixTest {

    /** A stream answers its headers with its first event: a heartbeat within a second here. */
    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.streams.heartbeat=PT1S");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyEndpointOfTheApplicationHasARowAndEveryApiRowAnEndpoint() {
        Set<String> mapped = new TreeSet<>();
        system.app().beans(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                        mapping.getHandlerMethods().forEach((info, method) -> {
                            if (method.getBeanType().getName().startsWith("com.shipjoy.")) {
                                info.getMethodsCondition().getMethods().forEach(verb -> info.getPatternsCondition()
                                        .getPatterns().forEach(path -> mapped.add(verb + " "
                                                + path.getPatternString())));
                            }
                        }));
        Set<String> rows = new TreeSet<>();
        AccessMatrix.ROWS.stream().filter(row -> row.path().startsWith("/api/"))
                .forEach(row -> rows.add(row.method() + " " + row.path()));
        assertThat(mapped).as("the application's endpoints").isNotEmpty();
        assertThat(rows).as("API rows of the access matrix against the endpoints the application maps")
                .containsExactlyElementsOf(mapped);
    }

    @Test
    void everyRowLetsExactlyItsRolesThrough() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (AccessMatrix.Row row : AccessMatrix.ROWS) {
            String method = row.method() == null ? "GET" : row.method().name();
            String path = example(row.path());
            for (Role role : Role.values()) {
                int status = call(method, path, role.name().toLowerCase());
                calls++;
                boolean allowed = row.anyone() || row.roles().contains(role);
                boolean passed = status != 401 && status != 403;
                if (allowed != passed) {
                    wrong.add(method + " " + path + " as " + role + ": " + status + (allowed ? ", allowed" : ""));
                }
            }
            int anonymous = call(method, path, null);
            calls++;
            if (row.anyone() ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
                wrong.add(method + " " + path + " as nobody: " + anonymous);
            }
        }
        assertThat(calls).isGreaterThan(300);
        assertThat(wrong).as("answers against the access matrix").isEmpty();
    }

    /** A path the row's pattern matches: a dummy id for each variable, a name for each wildcard. */
    private static String example(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", "X-1").replace("/**", "/x").replace("*", "x");
    }

    /** Only the status: a stream's body is never read, and a POST sends an empty JSON object. */
    private int call(String method, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.app().baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
