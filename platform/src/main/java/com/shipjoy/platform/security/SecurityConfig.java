package com.shipjoy.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import com.shipjoy.platform.web.Problems;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
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
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/** HTTP Basic on everything but the health check; the access table is contract §3 and §10 "Access". */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(UsersProperties.class)
class SecurityConfig {

    private static final String[] EVERY_ROLE = names(Role.values());

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ObjectMapper mapper) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"ShipJoy\"");
            return Problems.writeAfterBody(exchange, mapper, HttpStatus.UNAUTHORIZED,
                    "Authentication is required (HTTP Basic).");
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
                .build();
    }

    /** First match wins, so specific paths come before the general ones they refine. */
    private static void access(AuthorizeExchangeSpec access) {
        access.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .pathMatchers("/actuator/prometheus").hasRole("ADMIN")
                .pathMatchers("/actuator/**").hasRole("ADMIN")
                // Auditors read everything; nobody but ADMIN writes to admin endpoints.
                .pathMatchers(HttpMethod.GET, "/api/admin/**", "/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                .pathMatchers("/api/admin/**", "/api/audit/**").hasRole("ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/kpis/labor").hasAnyRole("WAREHOUSE", "VIEWER", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/streams/**", "/api/kpis", "/api/kpis/**")
                    .hasAnyRole("VIEWER", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/inventory/*/movements", "/api/inventory/*/as-of")
                    .hasAnyRole("WAREHOUSE", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/inventory", "/api/inventory/**")
                    .hasAnyRole("AGENT", "WAREHOUSE", "AUDITOR", "VIEWER", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/backorders", "/api/backorders/**", "/api/returns/**")
                    .hasAnyRole("AGENT", "WAREHOUSE", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/warehouses/**", "/api/warehouses", "/api/tasks", "/api/tasks/**",
                        "/api/shipments/**").hasAnyRole("WAREHOUSE", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.POST, "/api/warehouses", "/api/warehouses/**", "/api/tasks/**",
                        "/api/shipments/**", "/api/returns/*/receipt", "/api/orders/*/delivered")
                    .hasAnyRole("WAREHOUSE", "ADMIN")
                .pathMatchers(HttpMethod.POST, "/api/orders").hasAnyRole("CHANNEL", "ADMIN")
                .pathMatchers(HttpMethod.POST, "/api/orders/*/cancel", "/api/orders/*/returns")
                    .hasAnyRole("AGENT", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/orders/*").hasAnyRole("CHANNEL", "AGENT", "AUDITOR", "ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/orders", "/api/orders/**", "/api/customers/**")
                    .hasAnyRole("AGENT", "AUDITOR", "ADMIN")
                // Web pages and the API description: any signed-in role.
                .pathMatchers(HttpMethod.GET, "/", "/*.html", "/*.js", "/*.css", "/v3/api-docs", "/v3/api-docs/**",
                        "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").hasAnyRole(EVERY_ROLE)
                .anyExchange().hasRole("ADMIN");
    }

    /** The firewall's refusals (an encoded '/', a '..' segment) are problem documents too. */
    @Bean
    ServerExchangeRejectedHandler rejectedExchange(ObjectMapper mapper) {
        return (exchange, ex) -> Problems.write(exchange, mapper, HttpStatus.BAD_REQUEST,
                "The request path is not valid: " + ex.getMessage());
    }

    @Bean
    MapReactiveUserDetailsService users(UsersProperties properties) {
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
    ReactiveAuthenticationManager authenticationManager(MapReactiveUserDetailsService users) {
        UserDetailsRepositoryReactiveAuthenticationManager checked =
                new UserDetailsRepositoryReactiveAuthenticationManager(users);
        checked.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return new VerifiedCredentials(checked, Ticker.systemTicker());
    }

    private static String[] names(Role[] roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
