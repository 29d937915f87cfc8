package io.zyphos.echo;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;

/**
 * The echo protocol (RFC 862): every byte received is sent back. The smallest protocol there is,
 * and so the one that measures a transport alone: no parsing, one read and one write per
 * message.
 *
 * <p>It matches any first bytes, so list it last when sniffing among several protocols.
 */
public final class EchoProtocol implements Protocol {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Detection detect(ByteBuf prefix) {
        return Detection.MATCH;
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return new EchoHandler(connection);
    }

    private static final class EchoHandler implements ProtocolHandler {
        private final Connection connection;

        EchoHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onRead(ByteBuf in, long nowNanos) {
            // The input is borrowed; a retained slice hands the same memory to the write queue
            // without a copy, and the write releases it once sent.
            connection.writeAndFlush(in.readRetainedSlice(in.readableBytes()));
        }
    }
}
