package app.greeting;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.nio.charset.StandardCharsets;

/** Answers "hello, NAME" to a line "NAME", then closes. */
public final class Greeting implements Protocol {

    @Override
    public String name() {
        return "greeting";
    }

    @Override
    public Detection detect(ByteBuf prefix) {
        return Detection.MATCH;
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return (in, nowNanos) -> {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return;
            }
            String name = in.readCharSequence(eol - in.readerIndex(), StandardCharsets.US_ASCII).toString();
            in.skipBytes(1);
            byte[] answer = ("hello, " + name + "\n").getBytes(StandardCharsets.US_ASCII);
            connection.writeAndFlush(connection.alloc().buffer(answer.length).writeBytes(answer));
            connection.close();
        };
    }
}
