package com.shipjoy.platform.security;

import static com.shipjoy.platform.security.Role.ADMIN;
import static com.shipjoy.platform.security.Role.AGENT;
import static com.shipjoy.platform.security.Role.AUDITOR;
import static com.shipjoy.platform.security.Role.CHANNEL;
import static com.shipjoy.platform.security.Role.VIEWER;
import static com.shipjoy.platform.security.Role.WAREHOUSE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Who may call what, the one place it is written: a row per endpoint of the API (its
 * method and path as its controller maps it) and per group of other resources (the health check, the metrics, the
 * API description and web pages). {@code SecurityConfig} turns the rows, in this order, into the security layer's
 * rules (a path no row names is no endpoint: any signed-in user gets its 404). {@code AccessMatrixTest} calls every
 * row as every role and as nobody, and fails for an endpoint of the application that has no row.
 */
public final class AccessMatrix {

    /**
     * {@code method} null: any method. {@code path}: a Spring path pattern ({@code {name}} one segment, {@code **} the
     * rest). {@code anyone}: no sign-in needed (then {@code roles} is empty).
     */
    public record Row(HttpMethod method, String path, Set<Role> roles, boolean anyone) {

        public Row {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }
    }

    private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
    /** Inventory levels and the warehouses (locations, workers): what every role but the sales channels reads. */
    private static final Set<Role> ALL_BUT_CHANNEL = EnumSet.of(AGENT, WAREHOUSE, AUDITOR, VIEWER, ADMIN);
    private static final Set<Role> READ_ORDERS = EnumSet.of(AGENT, AUDITOR, ADMIN);
    private static final Set<Role> READ_WAREHOUSE = EnumSet.of(WAREHOUSE, AUDITOR, ADMIN);
    private static final Set<Role> WAREHOUSE_WORK = EnumSet.of(WAREHOUSE, ADMIN);
    private static final Set<Role> READ_DASHBOARDS = EnumSet.of(VIEWER, AUDITOR, ADMIN);
    private static final Set<Role> AUDIT = EnumSet.of(AUDITOR, ADMIN);

    public static final List<Row> ROWS = List.of(
            anyone(GET, "/actuator/health"),
            anyone(GET, "/actuator/health/**"),
            row(null, "/actuator/**", ADMIN),

            row(GET, "/api/admin/projections", AUDIT),
            row(GET, "/api/admin/projections/{name}/dead-letters", AUDIT),
            row(POST, "/api/admin/projections/{name}/dead-letters/retry", ADMIN),
            row(POST, "/api/admin/projections/{name}/replay", ADMIN),
            row(GET, "/api/audit/inventory-consistency", AUDIT),

            row(GET, "/api/warehouses", ALL_BUT_CHANNEL),
            row(GET, "/api/warehouses/{warehouseId}", ALL_BUT_CHANNEL),
            row(POST, "/api/warehouses", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/locations", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/workers", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/receipts", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/moves", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/counts", WAREHOUSE_WORK),
            row(POST, "/api/warehouses/{warehouseId}/tasks/next", WAREHOUSE_WORK),

            row(GET, "/api/inventory", ALL_BUT_CHANNEL),
            row(GET, "/api/inventory/{sku}", ALL_BUT_CHANNEL),
            row(GET, "/api/inventory/{sku}/movements", READ_WAREHOUSE),
            row(GET, "/api/inventory/{sku}/as-of", READ_WAREHOUSE),

            row(POST, "/api/orders", CHANNEL, ADMIN),
            row(GET, "/api/orders", READ_ORDERS),
            row(GET, "/api/orders/{orderId}", CHANNEL, AGENT, AUDITOR, ADMIN),
            row(GET, "/api/orders/{orderId}/history", READ_ORDERS),
            row(POST, "/api/orders/{orderId}/cancel", AGENT, ADMIN),
            row(POST, "/api/orders/{orderId}/delivered", WAREHOUSE_WORK),
            row(POST, "/api/orders/{orderId}/returns", AGENT, ADMIN),
            row(GET, "/api/customers/{customerId}/orders", READ_ORDERS),
            row(GET, "/api/backorders", AGENT, WAREHOUSE, AUDITOR, ADMIN),

            row(GET, "/api/returns/{rmaId}", AGENT, WAREHOUSE, AUDITOR, ADMIN),
            row(POST, "/api/returns/{rmaId}/receipt", WAREHOUSE_WORK),

            row(GET, "/api/tasks", READ_WAREHOUSE),
            row(GET, "/api/tasks/{taskId}", READ_WAREHOUSE),
            row(POST, "/api/tasks/{taskId}/assign", WAREHOUSE_WORK),
            row(POST, "/api/tasks/{taskId}/confirm", WAREHOUSE_WORK),
            row(GET, "/api/shipments/{shipmentId}", READ_WAREHOUSE),
            row(POST, "/api/shipments/{shipmentId}/pack", WAREHOUSE_WORK),
            row(POST, "/api/shipments/{shipmentId}/ship", WAREHOUSE_WORK),

            row(GET, "/api/kpis", READ_DASHBOARDS),
            row(GET, "/api/kpis/labor", WAREHOUSE, VIEWER, AUDITOR, ADMIN),
            row(GET, "/api/streams/orders", READ_DASHBOARDS),
            row(GET, "/api/streams/inventory", READ_DASHBOARDS),
            row(GET, "/api/streams/kpis", READ_DASHBOARDS),

            // The API description and the web pages: any signed-in role.
            row(GET, "/v3/api-docs", EVERY_ROLE),
            row(GET, "/v3/api-docs/**", EVERY_ROLE),
            row(GET, "/swagger-ui.html", EVERY_ROLE),
            row(GET, "/swagger-ui/**", EVERY_ROLE),
            row(GET, "/webjars/**", EVERY_ROLE),
            row(GET, "/", EVERY_ROLE),
            row(GET, "/*.html", EVERY_ROLE),
            row(GET, "/*.js", EVERY_ROLE),
            row(GET, "/*.css", EVERY_ROLE));

    private AccessMatrix() {
    }

    private static Row row(HttpMethod method, String path, Role... roles) {
        return new Row(method, path, Set.of(roles), false);
    }

    private static Row row(HttpMethod method, String path, Set<Role> roles) {
        return new Row(method, path, roles, false);
    }

    private static Row anyone(HttpMethod method, String path) {
        return new Row(method, path, Set.of(), true);
    }
}
