package com.shipjoy.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses a declared body over 1 MiB before reading it; undeclared (chunked) bodies hit the decoder's limit. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter implements WebFilter {

    private final ObjectMapper mapper;

    BodyLimitFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > StrictJson.MAX_BODY_BYTES) {
            return Problems.write(exchange, mapper, HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is larger than 1 MiB.");
        }
        return chain.filter(exchange);
    }
}
