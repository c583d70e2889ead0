package com.shipjoy.platform.web;

import com.shipjoy.platform.axon.CommandDispatcher;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The refusals every operation shares, described once rather than on each handler: a problem document for each
 * status an operation of its kind can answer. Handlers declare only their own statuses (201, 204, 404, 409, ...),
 * with a description; this gives every 4xx and 5xx its problem-document content and an example.
 */
@Configuration(proxyBeanMethods = false)
class ApiAnswers {

    private static final String PROBLEM = "Problem";
    private static final String INVALID = "InvalidRequestProblem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** What a command's answers carry (see "Read your writes" and "Retries" in the description). */
    private static final Header EVENT_POSITION = new Header().required(true)
            .description("The event store's head after the command's events were stored: pass it as `minPosition` "
                    + "to read what the command did")
            .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO));
    private static final Header REPLAYED = new Header()
            .description("`true` when this is the stored answer to an earlier request with the same Idempotency-Key")
            .schema(new StringSchema()._enum(List.of("true")));

    /** Any command's 409 (see "Retries" in the description). */
    private static final String KEY_CONFLICT = "The Idempotency-Key was used for another request, or its request "
            + "was applied but not answered before a restart";

    /** What each shared refusal means, by status. */
    private static final Map<HttpStatus, String> SHARED = Map.ofEntries(
            Map.entry(HttpStatus.BAD_REQUEST, "Invalid request: a parameter, header or body field fails validation "
                    + "(each listed in `errors` by path, e.g. `lines[0].quantity`), or the body is not strict JSON."),
            Map.entry(HttpStatus.UNAUTHORIZED, "Not signed in, or wrong credentials (HTTP Basic)."),
            Map.entry(HttpStatus.FORBIDDEN, "The signed-in user's role may not do this."),
            Map.entry(HttpStatus.NOT_ACCEPTABLE, "The Accept header allows none of the media types the operation "
                    + "answers."),
            Map.entry(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is over 1 MiB."),
            Map.entry(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body is not `application/json`."),
            Map.entry(HttpStatus.TOO_MANY_REQUESTS, "Sign-in throttled after failed sign-ins for this user name or "
                    + "client address: retry after `Retry-After` seconds."),
            Map.entry(HttpStatus.SERVICE_UNAVAILABLE, "The read model did not reach `minPosition` within 5 s: retry."),
            Map.entry(HttpStatus.NOT_FOUND, "Not found."),
            Map.entry(HttpStatus.CONFLICT, "Refused: conflicts with the current state."));

    /**
     * A command's success answers its position, which {@link CommandDispatcher} writes: on the operations of
     * controllers given one. The other POSTs (replaying and retrying read models) store no events.
     */
    @Bean
    OperationCustomizer commandHeaders() {
        return (operation, handler) -> {
            boolean sendsCommands = Arrays.stream(handler.getBeanType().getDeclaredConstructors()).anyMatch(
                    constructor -> List.of(constructor.getParameterTypes()).contains(CommandDispatcher.class));
            if (sendsCommands) {
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2")) {
                        response.addHeaderObject("X-Event-Position", EVENT_POSITION);
                    }
                });
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return openApi -> {
            Components components = openApi.getComponents();
            components.addSchemas(PROBLEM, problem());
            components.addSchemas(INVALID, problem().addProperty("errors", new ArraySchema()
                    .description("The invalid fields or parameters; empty when the body as a whole is invalid")
                    .items(new ObjectSchema().addProperty("field", new StringSchema()
                                    .description("Its path, e.g. `lines[0].quantity`"))
                            .addProperty("message", new StringSchema()).required(List.of("field", "message")))));
            openApi.getPaths().values().forEach(path -> path.readOperations()
                    .forEach(operation -> describe(operation, components.getSchemas())));
        };
    }

    private static void describe(Operation operation, Map<String, Schema> schemas) {
        ApiResponses responses = operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body || !parameters.isEmpty()) {
            responses.putIfAbsent("400", new ApiResponse());
        }
        responses.putIfAbsent("401", new ApiResponse());
        responses.putIfAbsent("403", new ApiResponse());
        responses.putIfAbsent("406", new ApiResponse());
        if (body) {
            responses.putIfAbsent("413", new ApiResponse());
            responses.putIfAbsent("415", new ApiResponse());
        }
        responses.putIfAbsent("429", new ApiResponse().addHeaderObject("Retry-After", new Header()
                .description("Seconds until sign-in is possible again").schema(new IntegerSchema().minimum(
                        BigDecimal.ONE))));
        if (parameters.stream().anyMatch(parameter -> "minPosition".equals(parameter.getName()))) {
            responses.putIfAbsent("503", new ApiResponse());
        }
        if (parameters.stream().anyMatch(parameter -> "Idempotency-Key".equals(parameter.getName()))) {
            ApiResponse conflict = responses.computeIfAbsent("409", code -> new ApiResponse());
            conflict.setDescription(conflict.getDescription() == null ? KEY_CONFLICT
                    : conflict.getDescription() + "; or " + KEY_CONFLICT.substring(0, 1).toLowerCase()
                    + KEY_CONFLICT.substring(1));
            // A repeat answers what the handler answered, its refusals included, and so does another request's 409.
            responses.forEach((code, response) -> {
                if (code.startsWith("2") || List.of("400", "404", "409").contains(code)) {
                    response.addHeaderObject("Idempotent-Replayed", REPLAYED);
                }
            });
        }
        if (responses.get("204") != null) {
            responses.get("204").setContent(null); // springdoc gives it the operation's JSON answer
        }
        Map<String, String> invalid = invalidExample(operation, parameters, schemas);
        responses.forEach((code, response) -> {
            int status = Integer.parseInt(code);
            if (status >= 400) {
                problemAnswer(HttpStatus.valueOf(status), response, invalid);
            }
        });
        // By status, wherever each was declared.
        Map<String, ApiResponse> sorted = new LinkedHashMap<>();
        responses.keySet().stream().sorted().forEach(code -> sorted.put(code, responses.get(code)));
        responses.clear();
        responses.putAll(sorted);
    }

    /** An entry of a 400's errors[] for the example: a required body field missing, else a parameter. */
    private static Map<String, String> invalidExample(Operation operation, List<Parameter> parameters,
                                                      Map<String, Schema> schemas) {
        if (operation.getRequestBody() != null) {
            String ref = operation.getRequestBody().getContent().values().iterator().next().getSchema().get$ref();
            Schema<?> body = ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (body != null && body.getRequired() != null && !body.getRequired().isEmpty()) {
                return Map.of("field", body.getRequired().get(0), "message", "must not be null");
            }
        }
        return parameters.stream().filter(parameter -> !"header".equals(parameter.getIn())).findFirst()
                .map(parameter -> Map.of("field", parameter.getName(), "message", "has an invalid value"))
                .orElse(Map.of("field", "Idempotency-Key", "message", "must be 1 to 128 printable ASCII characters"));
    }

    private static void problemAnswer(HttpStatus status, ApiResponse response, Map<String, String> invalid) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(SHARED.getOrDefault(status, status.getReasonPhrase()));
        }
        ProblemDetail example = Problems.of(status, response.getDescription());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", example.getType().toString());
        value.put("title", example.getTitle());
        value.put("status", example.getStatus());
        value.put("detail", example.getDetail());
        if (status == HttpStatus.BAD_REQUEST) {
            value.put("errors", List.of(invalid));
        }
        String schema = status == HttpStatus.BAD_REQUEST ? INVALID : PROBLEM;
        response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + schema)).example(value)));
    }

    /** RFC 9457, as {@link Problems} writes it. */
    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem document")
                .addProperty("type", new StringSchema().format("uri")
                        .description("https://shipjoy.example/problems/<kind>, one per status"))
                .addProperty("title", new StringSchema().description("The status's reason phrase"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema().description("What was wrong, for a person"))
                .addProperty("instance", new StringSchema().description("The request's path"))
                .required(List.of("type", "title", "status"));
    }
}
