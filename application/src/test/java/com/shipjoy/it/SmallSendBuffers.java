package com.shipjoy.it;

import io.netty.channel.ChannelOption;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Extra configuration for a system under test ({@code --spring.main.sources=com.shipjoy.it.SmallSendBuffers}; not
 * a {@code @Configuration}, so component scanning leaves it out of other tests): the server's socket send buffers
 * are fixed at 8 KiB instead of growing to megabytes, so that a client that stops reading backs up into the
 * server's own bounded buffers after a few changes rather than a few thousand.
 */
public class SmallSendBuffers {

    @Bean
    NettyServerCustomizer sendBuffersOf8KiB() {
        return server -> server.childOption(ChannelOption.SO_SNDBUF, 8192);
    }
}
