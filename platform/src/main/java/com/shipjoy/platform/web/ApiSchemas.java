package com.shipjoy.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.shipjoy.events.common.Code;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/** How the description names and constrains schemas where springdoc's defaults would be wrong. */
@Configuration(proxyBeanMethods = false)
class ApiSchemas {

    /** What {@link NotBlank} asks of a text: a character that is not white space. */
    private static final String NOT_BLANK = "\\S";

    /**
     * A nested type is named after its enclosing type ({@code Order.LineRequest}, {@code Stock.LineRequest}): by
     * simple name alone, the request records of different endpoints that share one ({@code LineRequest},
     * {@code WorkerRequest}, ...) collapsed into one schema carrying each other's fields. "Controller" is left out.
     */
    @Bean
    ModelConverter nestedTypeNames() {
        return new ModelConverter() {
            @Override
            public Schema<?> resolve(AnnotatedType type, ModelConverterContext context,
                                     Iterator<ModelConverter> chain) {
                Class<?> raw = TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
                Class<?> enclosing = raw.getEnclosingClass();
                io.swagger.v3.oas.annotations.media.Schema named =
                        raw.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
                if (enclosing != null && !raw.isEnum() && type.getName() == null
                        && (named == null || named.name().isEmpty())) {
                    type.name(enclosing.getSimpleName().replaceFirst("Controller$", "") + "." + raw.getSimpleName());
                }
                return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            }
        };
    }

    /** A map's {@code Object} values (an event's data) are any JSON values, not only objects as springdoc says. */
    @Bean
    ModelConverter anyValues() {
        return (type, context, chain) -> {
            JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
            if (javaType.isMapLikeType() && javaType.getContentType().getRawClass() == Object.class) {
                return new MapSchema().additionalProperties(true);
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        };
    }

    /**
     * Request bodies are strict (unknown fields are 400), and answers write every field, null or not: each schema
     * says so, by where it is used. A schema used in both (none is) would be left as springdoc made it.
     */
    @Bean
    OpenApiCustomizer strictSchemas() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Set<String> requests = new HashSet<>();
            Set<String> answers = new HashSet<>();
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null) {
                    operation.getRequestBody().getContent().values()
                            .forEach(media -> reachable(media.getSchema(), schemas, requests));
                }
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && response.getContent() != null) {
                        response.getContent().values().forEach(media -> reachable(media.getSchema(), schemas, answers));
                    }
                });
            }));
            Set<String> both = new HashSet<>(requests);
            both.retainAll(answers);
            requests.removeAll(both);
            answers.removeAll(both);
            requests.forEach(name -> {
                Schema<?> request = schemas.get(name).additionalProperties(false);
                if (request.getProperties() != null) {
                    // @NotBlank with @Size(max) comes out as minLength 0; the pattern validatedFields gave it says 1.
                    request.getProperties().values().stream().filter(field -> NOT_BLANK.equals(field.getPattern()))
                            .forEach(field -> field.setMinLength(Math.max(1, field.getMinLength() == null ? 0
                                    : field.getMinLength())));
                }
            });
            answers.forEach(name -> {
                Schema<?> answer = schemas.get(name);
                if (answer.getProperties() != null) {
                    answer.required(new ArrayList<>(answer.getProperties().keySet()));
                }
            });
        };
    }

    /** Adds the names of the component schemas {@code schema} refers to, directly or through others. */
    private static void reachable(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                reachable(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> reachable(property, schemas, names));
        }
        reachable(schema.getItems(), schemas, names);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            reachable(values, schemas, names);
        }
    }

    /**
     * Request fields as validation takes them: {@link IdCode}'s pattern is a meta-annotation, which springdoc does
     * not read, and {@link NotBlank} refuses white space only.
     */
    @Bean
    PropertyCustomizer validatedFields() {
        return (property, type) -> {
            Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
            if (Arrays.stream(annotations).anyMatch(IdCode.class::isInstance)) {
                idCode(property);
            }
            if (Arrays.stream(annotations).anyMatch(NotBlank.class::isInstance) && property.getPattern() == null) {
                property.pattern(NOT_BLANK);
            }
            return property;
        };
    }

    /** {@link IdCode} on a path or query parameter. */
    @Bean
    OperationCustomizer idCodeParameters() {
        return (operation, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(IdCode.class) && operation.getParameters() != null) {
                    operation.getParameters().stream()
                            .filter(described -> described.getName().equals(parameter.getParameter().getName()))
                            .forEach(described -> idCode(described.getSchema()));
                }
            }
            return operation;
        };
    }

    private static void idCode(Schema<?> schema) {
        schema.pattern(Code.PATTERN).minLength(1).maxLength(64);
    }
}
