package com.shipjoy.platform.security;

import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each operation's 403 in the API description names the roles that may call it, from {@link AccessMatrix}. */
@Configuration(proxyBeanMethods = false)
class AccessDescription {

    @Bean
    OpenApiCustomizer whoMayCall() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> AccessMatrix.ROWS.stream()
                        .filter(row -> path.equals(row.path()) && row.method() != null
                                && row.method().name().equals(method.name()))
                        .findFirst()
                        .ifPresent(row -> operation.getResponses().computeIfAbsent("403", code -> new ApiResponse())
                                .setDescription("The signed-in user's role may not do this: only "
                                        + row.roles().stream().sorted().map(Role::name)
                                        .collect(Collectors.joining(", ")) + " may."))));
    }
}
