package com.shipjoy.query.stream;

import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.kpi.KpiScope;
import com.shipjoy.projections.stream.View;
import com.shipjoy.query.kpi.KpiQueries;
import com.shipjoy.query.kpi.KpiWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** Live streams (Server-Sent Events) of the read models, and of the KPI document computed from its read model. */
@RestController
@RequestMapping("/api/streams")
@Tag(name = "Live streams", description = """
        Server-Sent Events. Without a last event id a stream starts with the current document when it names one \
        (`orderId`, `sku`), otherwise with nothing; then every change, each as an event whose `id` is the \
        event-store position it reflects (when one batch of events changes a document several times, the \
        position of the last of them) and whose data is the document as the query API answers it. A change is \
        sent after the read model shows it, so a query made after an event sees at least its state. \
        `Last-Event-ID: N` (or `?lastEventId=N`, for clients that cannot set headers; the header wins) sends no \
        snapshot: exactly the changes after N in order, then live ones, across reconnects and server restarts. \
        Changes are kept for at least the last 100,000 positions; for an older N the stream sends an event \
        `reset` (data `{lastEventId, keptFrom}`, id the position the stream continues from) and then the current \
        document as without a last event id. A comment (`:heartbeat`) goes out after 15 s of silence. A client \
        that falls behind by more than its buffer (1,000 changes by default) is disconnected and resumes with its \
        last event id. A rebuild (replay) of a read model sends nothing.""")
class StreamController {

    private static final String LAST_EVENT_ID = "The id of the last event received: the stream sends the "
            + "changes after it, without a snapshot.";
    private static final String LAST_EVENT_ID_PARAMETER = "Last-Event-ID for clients that cannot set headers (a "
            + "browser's EventSource after a page reload); the header wins.";

    private final Streams streams;
    private final KpiQueries kpis;

    StreamController(Streams streams, KpiQueries kpis) {
        this.streams = streams;
        this.kpis = kpis;
    }

    @GetMapping(path = "/orders", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Order summaries as they change (event `order`)",
            description = "With orderId: that order, first as it is now (nothing if it does not exist yet). "
                    + "With channel: orders of that channel only.")
    @StreamResponses
    Flux<ServerSentEvent<String>> orders(@RequestParam(required = false) @IdCode String orderId,
                                         @RequestParam(required = false) @IdCode String channel,
                                         @Parameter(description = LAST_EVENT_ID)
                                         @RequestHeader(name = "Last-Event-ID", required = false) @Min(0)
                                         Long lastEventIdHeader,
                                         @Parameter(description = LAST_EVENT_ID_PARAMETER)
                                         @RequestParam(required = false) @Min(0) Long lastEventId) {
        return streams.open(View.ORDERS, new Streams.Selection(orderId, channel),
                since(lastEventIdHeader, lastEventId));
    }

    @GetMapping(path = "/inventory", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stock levels as they change (event `inventory`)",
            description = "Each event is a sku's whole level, as GET /api/inventory/{sku} answers it. With sku: "
                    + "that sku, first as it is now (nothing if it never had stock). With warehouseId: changes "
                    + "of stock in that warehouse only.")
    @StreamResponses
    Flux<ServerSentEvent<String>> inventory(@RequestParam(required = false) @IdCode String sku,
                                            @RequestParam(required = false) @IdCode String warehouseId,
                                            @Parameter(description = LAST_EVENT_ID)
                                            @RequestHeader(name = "Last-Event-ID", required = false) @Min(0)
                                            Long lastEventIdHeader,
                                            @Parameter(description = LAST_EVENT_ID_PARAMETER)
                                            @RequestParam(required = false) @Min(0) Long lastEventId) {
        return streams.open(View.INVENTORY, new Streams.Selection(sku, warehouseId),
                since(lastEventIdHeader, lastEventId));
    }

    @GetMapping(path = "/kpis", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The KPI document as it changes (event `kpis`), at most once a second",
            description = "The document GET /api/kpis answers for the current UTC day: with warehouseId that "
                    + "warehouse's, else all warehouses'. First the current document, then the document again when "
                    + "its figures changed, at most once a second (the id: the position of the latest change it "
                    + "shows). A KPI event is a whole state, not a change: a client that resumes with a last event "
                    + "id gets the current document at once if any figure changed after it, then the live ones.")
    @StreamResponses
    Flux<ServerSentEvent<String>> kpis(@RequestParam(required = false) @IdCode String warehouseId,
                                       @Parameter(description = LAST_EVENT_ID)
                                       @RequestHeader(name = "Last-Event-ID", required = false) @Min(0)
                                       Long lastEventIdHeader,
                                       @Parameter(description = LAST_EVENT_ID_PARAMETER)
                                       @RequestParam(required = false) @Min(0) Long lastEventId) {
        return streams.computed(View.KPIS, KpiScope.of(warehouseId),
                since(lastEventIdHeader, lastEventId), Duration.ofSeconds(1),
                () -> kpis.kpis(warehouseId, KpiWindow.of(null, null, Instant.now())));
    }

    /** The client's last event id: the header if it sent one (it wins), else the query parameter, else null. */
    private static Long since(Long header, Long parameter) {
        return header != null ? header : parameter;
    }

    /** The stream's answer; its refusals (problem documents) come before the stream starts. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @interface StreamResponses {
    }
}
