package io.zyphos.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A tiny line protocol for transport tests: each LF-terminated line is handed to a script with the
 * connection. Lines split across reads are reassembled by the transport (the handler leaves a
 * partial line unread), which is itself one of the things these tests check.
 */
public final class LineProtocol implements Protocol {

    private final String name;
    private final List<String> applicationProtocols;
    private final BiConsumer<Connection, String> script;

    LineProtocol(BiConsumer<Connection, String> script) {
        this("line", List.of(), script);
    }

    /** Named, with ALPN ids of its own: for the lessons on choosing among protocols by ALPN. */
    public LineProtocol(String name, List<String> applicationProtocols, BiConsumer<Connection, String> script) {
        this.name = name;
        this.applicationProtocols = applicationProtocols;
        this.script = script;
    }

    /** Answers each line with {@code reply} applied to it, plus LF. */
    static LineProtocol replying(java.util.function.UnaryOperator<String> reply) {
        return new LineProtocol((c, line) -> write(c, reply.apply(line) + "\n"));
    }

    static void write(Connection c, String ascii) {
        c.writeAndFlush(c.alloc().buffer().writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    @Override
    public Detection detect(ByteBuf prefix) {
        return Detection.MATCH;
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return (in, nowNanos) -> {
            int lf;
            while ((lf = in.forEachByte(ByteProcessor.FIND_LF)) >= 0) {
                String line = in.toString(in.readerIndex(), lf - in.readerIndex(), StandardCharsets.ISO_8859_1);
                in.readerIndex(lf + 1);
                script.accept(connection, line);
            }
        };
    }
}
