package org.eecs.adapter.in.web;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The streamed care turn's WebSocket (docs/robot-protocol.md). The upgrade request passes the security filter
 * chain like any other request (bearer token, role robot); {@link TurnStreamHandshake} then checks that the session
 * is the robot's and running.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TurnStreamConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/robot/sessions/*/turn-stream";
    /** An audio piece or a frame, with its tag and capture time. */
    static final int MAX_BINARY_MESSAGE = 1024 * 1024 + 9;
    static final int MAX_TEXT_MESSAGE = 64 * 1024;
    /** A connection that says nothing for this long is closed, and its open turn abandoned. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final TurnStream stream;
    private final TurnStreamHandshake handshake;

    TurnStreamConfiguration(TurnStream stream, TurnStreamHandshake handshake) {
        this.stream = stream;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(stream, PATH).addInterceptors(handshake);
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxBinaryMessageBufferSize(MAX_BINARY_MESSAGE);
        container.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE);
        container.setMaxSessionIdleTimeout(IDLE.toMillis());
        return container;
    }
}
