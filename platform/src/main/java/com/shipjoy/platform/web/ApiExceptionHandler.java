package com.shipjoy.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.shipjoy.events.common.InvalidValueException;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.bind.support.WebExchangeBindException;
import reactor.core.publisher.Mono;

/** Turns every failure a request can meet into a problem document; no stack trace ever reaches a client. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandExecutionException.class)
    Mono<ResponseEntity<Object>> commandFailed(CommandExecutionException ex, ServerWebExchange exchange) {
        return ex.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast)
                .map(rejection -> problem(rejection))
                .orElseGet(() -> unexpected(ex));
    }

    @ExceptionHandler(RejectedException.class)
    Mono<ResponseEntity<Object>> rejected(RejectedException ex) {
        return problem(ex.rejection());
    }

    @ExceptionHandler(InvalidValueException.class)
    Mono<ResponseEntity<Object>> invalidValue(InvalidValueException ex) {
        return respond(Problems.invalid(ex.getMessage(), List.of(new Problems.FieldError(ex.field(), ex.getMessage()))));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex) {
        return respond(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB."));
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex) {
        if (ex instanceof HandlerExecutionException handlerFailure
                && handlerFailure.getDetails().orElse(null) instanceof Rejection rejection) {
            return problem(rejection);
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            return Mono.empty(); // the client hung up: nobody to answer, nothing failed
        }
        log.error("Unexpected failure while handling a request", ex);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; nothing was changed. Retry, or report the time of the failure."));
    }

    private Mono<ResponseEntity<Object>> problem(Rejection rejection) {
        return respond(switch (rejection.kind()) {
            case INVALID -> Problems.invalid(rejection.message(), rejection.field() == null ? List.of()
                    : List.of(new Problems.FieldError(rejection.field(), rejection.message())));
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, rejection.message());
            case CONFLICT -> Problems.of(HttpStatus.CONFLICT, rejection.message());
        });
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (FieldError error : ex.getFieldErrors()) {
            errors.add(new Problems.FieldError(error.getField(), error.getDefaultMessage()));
        }
        ex.getGlobalErrors().forEach(error -> errors.add(new Problems.FieldError(error.getObjectName(),
                error.getDefaultMessage())));
        return respond(Problems.invalid("The request has invalid fields.", errors));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors body) {
                // A @Valid request body: name each field by its path, e.g. lines[0].quantity.
                body.getFieldErrors().forEach(error -> errors.add(new Problems.FieldError(error.getField(),
                        error.getDefaultMessage())));
                body.getGlobalErrors().forEach(error -> errors.add(new Problems.FieldError(error.getObjectName(),
                        error.getDefaultMessage())));
                return;
            }
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new Problems.FieldError(name, error.getDefaultMessage()));
            }
        });
        return respond(Problems.invalid("The request has invalid parameters.", errors));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        Throwable cause = ex.getCause() instanceof DecodingException decoding ? decoding.getCause() : ex.getCause();
        if (cause instanceof DataBufferLimitException) {
            return tooLarge((DataBufferLimitException) cause);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = mapping.getCause() instanceof InvalidValueException invalid
                    ? invalid.getMessage() : describe(mapping);
            return respond(Problems.invalid("The request body has an invalid field: " + field + ".",
                    List.of(new Problems.FieldError(field, message))));
        }
        if (cause instanceof JsonProcessingException json) {
            return respond(Problems.invalid("The request body is not valid JSON: " + json.getOriginalMessage(),
                    List.of()));
        }
        String parameter = ex.getMethodParameter() != null ? ex.getMethodParameter().getParameterName() : null;
        if (parameter == null || "request".equals(parameter)) {
            return respond(Problems.invalid(ex.getReason() != null ? ex.getReason() : "Invalid request.", List.of()));
        }
        return respond(Problems.invalid("Invalid value for parameter " + parameter + ".",
                List.of(new Problems.FieldError(parameter, "has an invalid value"))));
    }

    /**
     * A path no endpoint maps, whatever the method: the framework then looked for a static resource and says so
     * ("No static resource …"), which is none of a client's business.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex instanceof NoResourceFoundException) {
            return respond(Problems.of(HttpStatus.NOT_FOUND, "There is no endpoint "
                    + exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value() + "."));
        }
        return super.handleResponseStatusException(ex, headers, status, exchange);
    }

    /** A path that exists, with a method it does not take: which ones it takes, in the Allow header too. */
    @Override
    protected Mono<ResponseEntity<Object>> handleMethodNotAllowedException(MethodNotAllowedException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        String allowed = ex.getSupportedMethods().stream().map(HttpMethod::name).sorted()
                .collect(Collectors.joining(", "));
        String path = exchange.getRequest().getPath().value();
        String method = exchange.getRequest().getMethod().name();
        ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, allowed.isEmpty()
                ? path + " does not take " + method + "." : path + " takes " + allowed + ", not " + method + ".");
        return Mono.just(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    /**
     * An Accept header that allows nothing the endpoint answers. The framework would list every media type its
     * writers know (NDJSON, event streams), not what this endpoint gives.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleNotAcceptableStatusException(NotAcceptableStatusException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return respond(Problems.of(HttpStatus.NOT_ACCEPTABLE, "The Accept header allows none of the media types "
                + exchange.getRequest().getPath().value() + " answers: ask for application/json (the ledger also "
                + "answers text/csv, the streams text/event-stream)."));
    }

    /** Framework-produced statuses (406, 415, …) become problem documents with our type URIs. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail detail) {
            ProblemDetail problem = Problems.of(status, detail.getDetail());
            return Mono.just(ResponseEntity.status(status).headers(headers).body(problem));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException mapping) {
        String message = mapping.getOriginalMessage();
        if (message.startsWith("Unrecognized field")) {
            return "is not a known field";
        }
        if (message.contains("Numeric value") && message.contains("out of range")) {
            return "is out of range";
        }
        if (message.startsWith("Cannot coerce") || message.startsWith("Cannot deserialize")) {
            return "has the wrong type";
        }
        return "is invalid";
    }

    /**
     * Always {@code application/problem+json}, whatever the request accepts: a stream's client asks for
     * {@code text/event-stream}, which would otherwise wrap the problem in an SSE event.
     */
    private static Mono<ResponseEntity<Object>> respond(ProblemDetail problem) {
        return Mono.just(ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem));
    }
}
