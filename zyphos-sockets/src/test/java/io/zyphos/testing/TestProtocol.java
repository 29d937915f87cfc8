package io.zyphos.testing;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.util.function.Function;

/**
 * A protocol for tests that claims every connection and builds its handler with a function: a
 * test says only what its handler does, not the plug-in boilerplate around it.
 */
public record TestProtocol(String name, Function<Connection, ProtocolHandler> handlers) implements Protocol {

    @Override
    public Detection detect(ByteBuf prefix) {
        return Detection.MATCH;
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return handlers.apply(connection);
    }
}
