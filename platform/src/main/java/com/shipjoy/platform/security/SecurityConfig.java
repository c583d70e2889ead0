package com.shipjoy.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import com.shipjoy.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** HTTP Basic on everything but the health check; who may call what is {@link AccessMatrix}. */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({UsersProperties.class, SignInProperties.class})
class SecurityConfig {

    /**
     * For the web pages to come and the API description's UI: their own scripts, styles (Swagger UI sets inline
     * styles) and images only; no plugins, no framing, forms post to this service only.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ObjectMapper mapper, SignInThrottle throttle) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"ShipJoy\"");
            Mono<Void> answer = Problems.writeAfterBody(exchange, mapper, HttpStatus.UNAUTHORIZED,
                    "Authentication is required (HTTP Basic).");
            // Credentials sent and refused: a failed sign-in, answered later and later (never a successful one).
            Optional<String> user = BasicUser.of(exchange.getRequest());
            if (user.isEmpty()) {
                return answer;
            }
            Duration wait = throttle.failed(user.get(), BasicUser.address(exchange.getRequest()));
            return wait.isZero() ? answer : Mono.delay(wait).then(answer);
        };
        ServerAccessDeniedHandler forbidden = (exchange, ex) -> Problems.writeAfterBody(exchange, mapper,
                HttpStatus.FORBIDDEN, "Your role may not do this.");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .authorizeExchange(SecurityConfig::access)
                .addFilterBefore(refused(throttle, mapper), SecurityWebFiltersOrder.HTTP_BASIC)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * Sign-ins of a user name or from an address that failed too often are answered 429 with {@code Retry-After}
     * before their credentials are checked (the right password too), until the refusal ends.
     */
    private static WebFilter refused(SignInThrottle throttle, ObjectMapper mapper) {
        return (exchange, chain) -> {
            Optional<String> user = BasicUser.of(exchange.getRequest());
            Optional<Duration> refusal = user.flatMap(name -> throttle.refusal(name,
                    BasicUser.address(exchange.getRequest())));
            if (refusal.isEmpty()) {
                return chain.filter(exchange);
            }
            long seconds = Math.max(1, (refusal.get().toMillis() + 999) / 1000);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return Problems.writeAfterBody(exchange, mapper, HttpStatus.TOO_MANY_REQUESTS, "Too many failed "
                    + "sign-ins for this user name or from this address: sign-ins are refused for " + seconds
                    + " s more.");
        };
    }

    @Bean
    SignInThrottle signInThrottle(SignInProperties settings, ObjectProvider<MeterRegistry> meters) {
        return new SignInThrottle(settings, Ticker.systemTicker(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The rows of {@link AccessMatrix} in order (the first match wins). Anything else is no endpoint (every endpoint
     * has a row, AccessMatrixTest sees to it): any signed-in user then gets its 404 or 405.
     */
    private static void access(AuthorizeExchangeSpec access) {
        for (AccessMatrix.Row row : AccessMatrix.ROWS) {
            AuthorizeExchangeSpec.Access rule = row.method() == null ? access.pathMatchers(row.path())
                    : access.pathMatchers(row.method(), row.path());
            if (row.anyone()) {
                rule.permitAll();
            } else {
                rule.hasAnyRole(names(row.roles().toArray(Role[]::new)));
            }
        }
        access.anyExchange().authenticated();
    }

    /** The firewall's refusals (an encoded '/', a '..' segment) are problem documents too. */
    @Bean
    ServerExchangeRejectedHandler rejectedExchange(ObjectMapper mapper) {
        return (exchange, ex) -> Problems.write(exchange, mapper, HttpStatus.BAD_REQUEST,
                "The request path is not valid: " + ex.getMessage());
    }

    /** Refuses to start when the users would be offered beyond loopback without hashed passwords ({@link Exposure}). */
    @Bean
    MapReactiveUserDetailsService users(UsersProperties properties, ServerProperties server) {
        Exposure.check(properties, server.getAddress());
        List<UserDetails> users = new ArrayList<>();
        if (properties.devUsers()) {
            for (Role role : Role.values()) {
                String name = role.name().toLowerCase();
                if (!properties.users().containsKey(name)) {
                    users.add(User.withUsername(name).password("{noop}" + name).roles(role.name()).build());
                }
            }
        }
        properties.users().forEach((name, user) -> users.add(User.withUsername(name).password(user.password())
                .roles(names(user.roles().toArray(Role[]::new))).passwordEncoder(p -> p).build()));
        if (users.isEmpty()) {
            throw new IllegalStateException("No users configured: set shipjoy.security.users or dev-users");
        }
        return new MapReactiveUserDetailsService(users);
    }

    /**
     * No password-upgrade service: stored encodings stay as configured instead of being re-hashed to bcrypt at the
     * first login, which would make every later request pay for a bcrypt check.
     */
    @Bean
    ReactiveAuthenticationManager authenticationManager(MapReactiveUserDetailsService users,
                                                        SignInThrottle throttle) {
        UserDetailsRepositoryReactiveAuthenticationManager checked =
                new UserDetailsRepositoryReactiveAuthenticationManager(users);
        checked.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        VerifiedCredentials verified = new VerifiedCredentials(checked, Ticker.systemTicker());
        return authentication -> verified.authenticate(authentication)
                .doOnNext(signedIn -> throttle.succeeded(signedIn.getName()));
    }

    private static String[] names(Role[] roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
