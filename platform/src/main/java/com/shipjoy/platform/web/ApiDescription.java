package com.shipjoy.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.bind.annotation.PostMapping;

/** The published API description, including the decisions taken where the general rules leave a choice. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    private static final String DESCRIPTION = """
            Event-sourced order and warehouse management for a 3PL. The event store is the source of truth; every \
            read model is a projection of it.

            **Conventions.** JSON in and out, ISO-8601 UTC instants. HTTP Basic on everything except \
            `GET /actuator/health`; roles CHANNEL, AGENT, WAREHOUSE, AUDITOR, VIEWER, ADMIN. Errors are RFC 9457 \
            problem documents (`application/problem+json`: `type`, `title`, `status`, `detail`); invalid fields are \
            listed in `errors[]` by path (`lines[0].quantity`). Each operation lists every status it answers. Request \
            bodies are strict: unknown fields, duplicate keys, trailing content, fractions for whole numbers and \
            type coercions ("5" for 5) are 400. Bodies over 1 MiB are 413, non-JSON bodies 415. A request line over \
            4 KiB is 414, headers over 8 KiB are 431, a request that is not HTTP/1.1 is 400 (problem documents too, \
            after which the connection is closed).

            **Sign-in.** Failed sign-ins are counted per user name and per client address: after 3, each further \
            401 comes later; after 5 for one user name (20 from one address) every sign-in of that name (or from \
            that address), the right password included, is answered 429 with `Retry-After` (seconds) for a minute. \
            A successful sign-in is never slowed. The development users exist only while the service listens on \
            loopback.

            **Read your writes.** Every command answers `X-Event-Position`, the event store's head after its \
            events were stored (for a repeated idempotent request: the current head). Every query takes \
            `?minPosition=N` and waits up to 5 s for its read model to reach N, else 503.

            **Retries.** Every command (`POST`) takes an optional `Idempotency-Key` header: 1 to 128 printable \
            ASCII characters (space to `~`), chosen by the client, one per intended change, and scoped to the \
            signed-in user. A repeat with the same key, method, path and body answers exactly what the first \
            answered (status, body, `X-Event-Position`) with `Idempotent-Replayed: true`, and stores nothing; \
            refusals (4xx) are repeated too. The same key with another method, path or body is 409. A repeat sent \
            while the first is still running waits for it. Keys are kept at least 24 hours, across restarts and \
            crashes: the key is recorded in the same transaction as the command's events, so a retry can never \
            apply a command twice. If the service stopped after applying a keyed request but before answering it, \
            a retry answers 409 ("was applied") instead of repeating an answer it does not have: read the \
            resource. A malformed key is 400. Without a key, commands with a client-chosen id (orderId, \
            receiptId, rmaId, warehouse and worker ids) are idempotent by that id; moves, counts, picks and the \
            other commands are not.

            **Hang-ups.** A command whose client disconnects runs to completion (or is refused) exactly as if the \
            client had waited; only the answer is lost. Retry it with the same `Idempotency-Key` to learn it.

            **Decisions where the general rules leave a choice.**
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
            - Orders: "the same order" is the request after defaults (`shipPartial` false) without `orderId`. \
            `POST /api/orders` answers after allocation, so its `status` is ALLOCATED or BACKORDERED and its \
            `X-Event-Position` covers the reservations. One warehouse that can fill the whole order is preferred \
            (the first by id); otherwise each line is split over the warehouses holding most of it first.
            - Backorders are served in order of placement, whatever the channel, as stock arrives (receipt, positive \
            count, released reservation); receipts and counts answer after that. A count that takes reserved units \
            from an order puts it back in the queue at its original turn.
            - Cancelling answers after every reservation was released; the order keeps its lines, with allocated \
            and backordered 0.
            - Fulfillment: an order's units in a warehouse are released as one shipment when the whole order is \
            allocated (with `shipPartial`, as soon as they are allocated); commands answer after the release, so \
            the tasks exist by the `X-Event-Position` they answer. A shipment has one pick task per sku and bin, \
            bins chosen in walking order (by name) from units not held for other tasks; units held for open tasks \
            cannot be moved (409). Task ids are `<shipmentId>.<n>`.
            - `tasks/next` hands out the oldest order's task first, then by location name, and assigns it; \
            assigning a task that is not OPEN is 409, also to the worker who has it. Confirming is only for the \
            assigned worker at the task's location; more than the task's quantity is 409, 0 is a short pick.
            - A short pick adjusts the bin to what was found (ADJUSTED, reference the task id); if the warehouse \
            then holds fewer units than are reserved, the picking order gives up its missing units first \
            (RELEASED, re-allocated elsewhere or backordered), else they are picked from other bins in a new task \
            of the same shipment. A shipment whose every task found nothing is CANCELLED.
            - Packing and shipping repeated with the same content answer 200 and store nothing. Cancelling an \
            order moves its picked units from OUTBOUND back to their bins (MOVED) and cancels its open tasks and \
            shipments; once anything shipped it is 409.
            - `delivered` needs a fully shipped order (409 otherwise). A return may cover units that shipped and \
            are neither returned nor in another open return; rmaIds are unique across orders. A return is received \
            once: at most the units it asked for per sku, each line SELLABLE (back into the given bin, RETURNED) \
            or DAMAGED (WRITTEN_OFF, on-hand unchanged); the same receipt again answers 200. An EXCHANGE return \
            places its exchange order on receipt: channel `exchange`, externalOrderId the rmaId, same customer \
            and address, unit price 0.00 in the original order's currency, allocated like any order.
            - Projections: an event a read model cannot process is parked with the later events of its sequence \
            (for order read models the order, else the stock, shipment or warehouse); only the first carries the \
            error. A retry processes every parked sequence once before it answers 202 with the read model's state; \
            the read model pauses meanwhile. At most 1,024 sequences of 1,024 events are parked per read model; past \
            that the read model stops and retries (ERROR) instead of skipping.
            - Embedded mode: events are appended in global-index order, so positions have no gaps other than those \
            left by rolled-back commands.
            """;

    /** The operations' groups (tags) in reading order; "Live streams" is described on its controller. */
    private static final Map<String, String> TAGS = orderedMap(
            "Warehouses and workers", "Warehouses with their bin locations, and the workers who pick in them.",
            "Inventory (WMS)", "Receipts, moves and cycle counts; stock levels and the stock ledger.",
            "Orders (OMS)", "Orders from the sales channels: intake with allocation, cancellation, delivery; "
                    + "order reads, histories and backorders.",
            "Fulfillment (WMS)", "Shipments and their pick tasks: handing out, assigning and confirming picks, "
                    + "packing and shipping; labor figures.",
            "Returns", "Returns (RMAs): opening, receiving the goods (refund or exchange), reading them back.",
            "KPIs", "Fulfillment KPIs per warehouse or overall, kept per UTC hour.",
            "Audit", "Stock rebuilt from the event store, independent of the read models.",
            "Projections", "The read models' state, their parked events (dead letters), retries and replays.");

    /** The {@code Idempotency-Key} header, on every command. */
    @Bean
    OperationCustomizer idempotencyKeyHeader() {
        return (operation, handler) -> {
            boolean command = handler.hasMethodAnnotation(PostMapping.class);
            return !command ? operation : operation.addParametersItem(new HeaderParameter()
                    .name("Idempotency-Key").required(false)
                    .description("Makes a retry safe: a repeat with the same key and request answers the first "
                            + "answer (Idempotent-Replayed: true) and stores nothing; another request under the key "
                            + "is 409. Per user, kept at least 24 hours.")
                    .schema(new StringSchema().minLength(1).maxLength(128).pattern("^[\\x20-\\x7E]{1,128}$")));
        };
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Bean
    OpenAPI shipJoyApi() {
        return new OpenAPI()
                .info(new Info().title("ShipJoy OMS/WMS").version("0.1").description(DESCRIPTION)
                        .contact(new Contact().name("ShipJoy platform team").email("platform@shipjoy.example")))
                .tags(TAGS.entrySet().stream().map(tag -> new Tag().name(tag.getKey()).description(tag.getValue()))
                        .toList())
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
