package com.shipjoy.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published API description, including the decisions taken where the contract is silent. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    private static final String DESCRIPTION = """
            Event-sourced order and warehouse management for a 3PL. The event store is the source of truth; every \
            read model is a projection of it.

            **Conventions.** JSON in and out, ISO-8601 UTC instants. HTTP Basic on everything except \
            `GET /actuator/health`; roles CHANNEL, AGENT, WAREHOUSE, AUDITOR, VIEWER, ADMIN. Errors are RFC 9457 \
            problem documents; invalid fields are listed in `errors[]` by path (`lines[0].quantity`). Request \
            bodies are strict: unknown fields, duplicate keys, trailing content, fractions for whole numbers and \
            type coercions ("5" for 5) are 400. Bodies over 1 MiB are 413, non-JSON bodies 415.

            **Read your writes.** Every command answers `X-Event-Position`, the event store's head after its \
            events were stored (for a repeated idempotent request: the current head). Every query takes \
            `?minPosition=N` and waits up to 5 s for its read model to reach N, else 503.

            **Decisions where the contract is silent.**
            - Every warehouse gets the staging location `OUTBOUND`. Stock cannot be received into, moved to or from, \
            or counted at `OUTBOUND` by hand: it enters by picking and leaves by shipping.
            - Registering a warehouse or worker again with the same content answers 200 and stores nothing; \
            locations that already exist are ignored when adding locations.
            - A sku that never had stock is 404 on `GET /api/inventory/{sku}` and its ledger; moving or reserving \
            stock of a sku a warehouse never held is 404.
            - A cycle count that leaves fewer units on hand than are reserved releases the newest reservations \
            (by order of first reservation) before the count is recorded, so reserved never exceeds on-hand.
            - Ledger: `ADJUSTED` carries the absolute variance as `quantity`; compare `onHandAfter` with the \
            previous entry for its sign. `format=csv` exports every matching entry without paging.
            - `GET /api/inventory?warehouseId=W` gives each sku's figures in W only and leaves out skus never \
            stocked there; `maxAvailable` filters on those figures.
            - Orders: "the same order" is the request after defaults (`shipPartial` false) without `orderId`.             `POST /api/orders` answers after allocation, so its `status` is ALLOCATED or BACKORDERED and its             `X-Event-Position` covers the reservations. One warehouse that can fill the whole order is preferred             (the first by id); otherwise each line is split over the warehouses holding most of it first.
            - Backorders are served in order of placement, whatever the channel, as stock arrives (receipt, positive             count, released reservation); receipts and counts answer after that. A count that takes reserved units             from an order puts it back in the queue at its original turn.
            - Cancelling answers after every reservation was released; the order keeps its lines, with allocated             and backordered 0.
            - Embedded mode: events are appended in global-index order, so positions have no gaps other than those \
            left by rolled-back commands.
            """;

    @Bean
    OpenAPI shipJoyApi() {
        return new OpenAPI()
                .info(new Info().title("ShipJoy OMS/WMS").version("0.1").description(DESCRIPTION))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
