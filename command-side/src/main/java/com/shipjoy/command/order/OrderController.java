package com.shipjoy.command.order;

import com.shipjoy.command.ContentDigest;
import com.shipjoy.command.DistinctKeys;
import com.shipjoy.command.Processes;
import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.order.CancelOrderCommand;
import com.shipjoy.events.order.ConfirmDeliveryCommand;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderPlacement;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.order.PlaceOrderCommand;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.axon.CommandDispatcher;
import com.shipjoy.platform.web.IdCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
// produces: a client that cannot read the answer is refused (406) before the command runs, not after it.
@RequestMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders (OMS)")
class OrderController {

    private final CommandDispatcher commands;
    private final OrderStatuses statuses;
    private final ContentDigest digest;

    OrderController(CommandDispatcher commands, OrderStatuses statuses, ContentDigest digest) {
        this.commands = commands;
        this.statuses = statuses;
        this.digest = digest;
    }

    record CustomerRequest(@NotNull @IdCode String customerId, @NotBlank @Size(max = 200) String name,
                           @NotNull @Size(max = 254) @Pattern(regexp = "^[^@\\s]+@[^@\\s]+$",
                                   message = "must be an address with one @") String email) {
    }

    record ShipToRequest(@NotBlank @Size(max = 200) String name,
                         @NotBlank @Size(max = 200) String line1,
                         @NotBlank @Size(max = 100) String city,
                         @NotBlank @Size(max = 20) String postalCode,
                         @NotBlank @Size(max = 100) String country) {
    }

    record LineRequest(@NotNull @IdCode String sku, @NotNull @Min(1) @Max(Quantity.MAX) Long quantity,
                       @NotNull @Pattern(regexp = "^[0-9]{1,15}(\\.[0-9]{1,4})?$",
                               message = "must be a non-negative decimal with at most 4 fraction digits")
                       String unitPrice,
                       @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be three capital letters")
                       String currency) {
    }

    record OrderRequest(@IdCode String orderId, @NotNull @IdCode String channel,
                        @NotNull @Pattern(regexp = "^[\\x20-\\x7E]{1,128}$",
                                message = "must be 1-128 printable characters") String externalOrderId,
                        @NotNull @Valid CustomerRequest customer, @NotNull @Valid ShipToRequest shipTo,
                        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid LineRequest> lines,
                        Boolean shipPartial) {
    }

    /** The request after defaults, without the orderId: what "the same order" means. */
    record OrderContent(String channel, String externalOrderId, CustomerRequest customer, ShipToRequest shipTo,
                        List<LineRequest> lines, boolean shipPartial) {
    }

    record OrderAnswer(String orderId, OrderStatus status) {
    }

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** deliveredAt is text: Jackson would take a number as epoch seconds, and the API takes ISO-8601. */
    record DeliveredRequest(@Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}T.+Z$", message = "must be an ISO-8601 UTC instant")
                            String deliveredAt) {
    }

    @PostMapping
    @Operation(summary = "Take an order from a sales channel and allocate it",
            description = "The pair (channel, externalOrderId) is taken once: the same request again answers 200 "
                    + "with the first orderId and stores nothing, even under another orderId; other content is 409. "
                    + "Stock is reserved before the answer: one warehouse that can fill the whole order is "
                    + "preferred, else each line is split over the warehouses holding most of it; the rest is "
                    + "backordered (status BACKORDERED) and filled oldest first as stock arrives. Should allocation "
                    + "lag more than 5 s, the order is still taken and answered with status PLACED.")
    @ApiResponse(responseCode = "201", description = "Taken and allocated (or backordered)")
    @ApiResponse(responseCode = "200", description = "The same order was taken before: its orderId, nothing stored")
    @ApiResponse(responseCode = "409",
            description = "The orderId or the (channel, externalOrderId) pair was taken with other content")
    Mono<ResponseEntity<OrderAnswer>> place(@Valid @RequestBody OrderRequest request) {
        DistinctKeys.require(request.lines(), "lines", "sku", LineRequest::sku);
        PlaceOrderCommand command = command(request);
        // A concurrent intake of the same pair can lose the race at commit; once more, it finds the winner.
        return commands.<OrderPlacement>send(command)
                .onErrorResume(failure -> !(failure instanceof CommandExecutionException), failure ->
                        commands.send(command))
                .flatMap(placement -> commands.awaitSettled(Processes.ORDER_ALLOCATION)
                        .then(answer(placement.orderId()))
                        .flatMap(answer -> commands.respond(placement.created() ? HttpStatus.CREATED : HttpStatus.OK,
                                answer)));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel an order", description = "Releases every reservation before answering, and the "
            + "freed units have filled waiting backorders (oldest first) by then. Cancelling a cancelled order "
            + "answers 200 and stores nothing.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409", description = "Something of the order shipped already")
    Mono<ResponseEntity<OrderAnswer>> cancel(@PathVariable @IdCode String orderId,
                                             @Valid @RequestBody CancelRequest request) {
        OrderId id = new OrderId(orderId);
        return commands.send(new CancelOrderCommand(id, request.reason()))
                // The releases, then what the freed units did: fill waiting backorders, release their shipments.
                .then(commands.awaitSettled(Processes.ORDER_ALLOCATION))
                .then(answer(id))
                .flatMap(answer -> commands.respond(HttpStatus.OK, answer));
    }

    @PostMapping("/{orderId}/delivered")
    @Operation(summary = "Record the carrier's delivery confirmation",
            description = "Only a fully SHIPPED order can be delivered (else 409); deliveredAt defaults to now. "
                    + "Confirming again answers 200 and stores nothing.")
    @ApiResponse(responseCode = "200", description = "Delivered")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "409", description = "The order is not fully shipped")
    Mono<ResponseEntity<OrderAnswer>> delivered(@PathVariable @IdCode String orderId,
                                                @Valid @RequestBody DeliveredRequest request) {
        OrderId id = new OrderId(orderId);
        Instant at = request.deliveredAt() != null ? instant(request.deliveredAt(), "deliveredAt") : Instant.now();
        return commands.send(new ConfirmDeliveryCommand(id, at))
                .then(answer(id))
                .flatMap(answer -> commands.respond(HttpStatus.OK, answer));
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RejectedException.invalid(field, "must be an ISO-8601 UTC instant");
        }
    }

    private Mono<OrderAnswer> answer(OrderId orderId) {
        return Uninterrupted.call(() -> new OrderAnswer(orderId.value(), statuses.status(orderId)));
    }

    private PlaceOrderCommand command(OrderRequest request) {
        boolean shipPartial = Boolean.TRUE.equals(request.shipPartial());
        OrderContent content = new OrderContent(request.channel(), request.externalOrderId(), request.customer(),
                request.shipTo(), request.lines(), shipPartial);
        CustomerRequest customer = request.customer();
        ShipToRequest shipTo = request.shipTo();
        return new PlaceOrderCommand(
                new OrderId(request.orderId() != null ? request.orderId() : UUID.randomUUID().toString()),
                new Channel(request.channel()), new ExternalOrderId(request.externalOrderId()),
                new Customer(new CustomerId(customer.customerId()), customer.name(), customer.email()),
                new ShipTo(shipTo.name(), shipTo.line1(), shipTo.city(), shipTo.postalCode(), shipTo.country()),
                request.lines().stream().map(line -> new OrderLine(new Sku(line.sku()), Quantity.of(line.quantity()),
                        line.unitPrice(), line.currency())).toList(),
                shipPartial, digest.of(content));
    }
}
