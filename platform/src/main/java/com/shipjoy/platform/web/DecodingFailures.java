package com.shipjoy.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;

/**
 * Requests the HTTP server cannot even read (a request line over its limit: 414; headers over theirs: 431; a request
 * line or header that is not HTTP: 400) are answered before any of our code runs, by Reactor Netty, with an empty
 * body. This handler sits right after the server's HTTP decoder and answers them itself, as problem documents with
 * the security headers every answer carries, then ends the connection (what follows such a request on it cannot be
 * trusted to start where a request starts).
 */
@Configuration(proxyBeanMethods = false)
class DecodingFailures {

    private static final String NAME = "shipjoy.decodingFailures";
    /** How long a refused connection is kept half-closed for its client to read the answer and close. */
    private static final Duration LINGER = Duration.ofSeconds(5);

    @Bean
    NettyServerCustomizer decodingFailuresAsProblems(ObjectMapper mapper) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new Handler(mapper));
            }
        });
    }

    /** One per connection: after a failed request it drops whatever else the connection brings until it closes. */
    static final class Handler extends ChannelInboundHandlerAdapter {

        private final ObjectMapper mapper;
        private boolean failed;

        Handler(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (failed) {
                ReferenceCountUtil.release(message);
                return;
            }
            if (!(message instanceof HttpObject http) || http.decoderResult().isSuccess()) {
                context.fireChannelRead(message);
                return;
            }
            failed = true;
            Throwable cause = http.decoderResult().cause();
            ReferenceCountUtil.release(message);
            HttpStatus status;
            String detail;
            if (cause instanceof TooLongHttpLineException) {
                status = HttpStatus.URI_TOO_LONG;
                detail = "The request line (method, path and query) is longer than this server reads.";
            } else if (cause instanceof TooLongHttpHeaderException) {
                status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                detail = "The request's headers are larger than this server reads.";
            } else {
                status = HttpStatus.BAD_REQUEST;
                detail = "The request is not valid HTTP/1.1.";
            }
            // Half-close, then drop the rest until the client closes: closing at once, with the rest of an
            // oversized request unread, makes TCP reset the connection, and the client may lose the answer with it.
            context.writeAndFlush(answer(status, detail)).addListener(written -> {
                if (context.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                    context.executor().schedule(() -> context.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    context.close();
                }
            });
        }

        private FullHttpResponse answer(HttpStatus status, String detail) {
            byte[] body;
            try {
                body = mapper.writeValueAsBytes(Problems.of(status, detail));
            } catch (Exception e) {
                body = ("{\"status\":" + status.value() + "}").getBytes(StandardCharsets.UTF_8);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff");
            return response;
        }
    }
}
