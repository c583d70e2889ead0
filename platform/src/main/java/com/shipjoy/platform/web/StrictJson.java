package com.shipjoy.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Request bodies are read strictly: unknown fields, duplicate keys, trailing content, fractions for
 * whole numbers and type coercions are 400s. Only the HTTP decoder is strict; the application's ObjectMapper (used for
 * stored events and read models) stays tolerant so that old events keep deserializing as the model evolves.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** Bodies up to and including 1 MiB are read; larger ones are 413. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    @Bean
    CodecCustomizer strictJsonCodec(ObjectMapper applicationMapper) {
        ObjectMapper strict = applicationMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return configurer -> {
            configurer.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES);
            Jackson2JsonDecoder decoder = new Jackson2JsonDecoder(strict);
            decoder.setMaxInMemorySize(MAX_BODY_BYTES);
            configurer.defaultCodecs().jackson2JsonDecoder(decoder);
        };
    }
}
