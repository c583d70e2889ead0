package com.shipjoy.query.order;

import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.order.BackorderDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderHistoryDocument;
import com.shipjoy.projections.order.OrderSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Orders (OMS)")
class OrderQueryController {

    private final OrderQueries queries;
    private final EventPositions positions;

    OrderQueryController(OrderQueries queries, EventPositions positions) {
        this.queries = queries;
        this.positions = positions;
    }

    @GetMapping("/api/orders/{orderId}")
    @Operation(summary = "An order with its lines, shipments and returns",
            description = "status is the first that holds of CANCELLED, RETURNED (every shipped unit came back), "
                    + "DELIVERED, SHIPPED (every ordered unit shipped), PARTIALLY_SHIPPED, BACKORDERED (a unit waits "
                    + "for stock, even while others are picked or packed), PACKED (every shipment not cancelled is "
                    + "packed), PICKING (a shipment started picking), ALLOCATED, PLACED.")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    Mono<OrderDocument> order(@PathVariable @IdCode String orderId,
                              @RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.ORDERS,
                () -> queries.order(orderId).orElseThrow(() -> unknown(orderId)));
    }

    @GetMapping("/api/orders")
    @Operation(summary = "Search orders, newest first", description = "placedFrom is inclusive, placedTo exclusive.")
    Mono<Page<OrderDocument>> orders(@RequestParam(required = false) OrderStatus status,
                                     @RequestParam(required = false) @IdCode String channel,
                                     @RequestParam(required = false) @IdCode String customerId,
                                     @RequestParam(required = false) @IdCode String sku,
                                     @RequestParam(required = false) Instant placedFrom,
                                     @RequestParam(required = false) Instant placedTo,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                     @RequestParam(required = false) @Min(0) Long minPosition) {
        OrderSearch.Filter filter = new OrderSearch.Filter(status, channel, customerId, sku, placedFrom, placedTo);
        return positions.read(minPosition, ReadModels.ORDERS, () -> queries.orders(filter, page, size));
    }

    @GetMapping("/api/customers/{customerId}/orders")
    @Operation(summary = "A customer's orders, newest first",
            description = "The orders of one customerId, of every channel, as GET /api/orders answers them.")
    Mono<Page<OrderDocument>> customerOrders(@PathVariable @IdCode String customerId,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                             @RequestParam(required = false) @Min(0) Long minPosition) {
        OrderSearch.Filter filter = new OrderSearch.Filter(null, null, customerId, null, null, null);
        return positions.read(minPosition, ReadModels.ORDERS, () -> queries.orders(filter, page, size));
    }

    @GetMapping("/api/orders/{orderId}/history")
    @Operation(summary = "Every event of an order and of what it caused, oldest first",
            description = "Reservations and releases of its stock included; each with position, timestamp, type, "
                    + "the actor who caused it and the event's data.")
    @ApiResponse(responseCode = "200", description = "A page of its events")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    Mono<Page<OrderHistoryDocument.Entry>> history(@PathVariable @IdCode String orderId,
                                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                                   @RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.ORDER_HISTORY, () -> queries.history(orderId, page, size)
                .orElseThrow(() -> unknown(orderId)));
    }

    @GetMapping("/api/backorders")
    @Operation(summary = "Orders waiting for stock, oldest first",
            description = "One entry per order and sku still waiting (quantity: the units waiting), in the order "
                    + "stock will serve them: by placement, whatever the channel. sku narrows to one sku.")
    Mono<Page<BackorderDocument>> backorders(@RequestParam(required = false) @IdCode String sku,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                             @RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.read(minPosition, ReadModels.BACKORDERS, () -> queries.backorders(sku, page, size));
    }

    private static ResponseStatusException unknown(String orderId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown order " + orderId + ".");
    }

}
