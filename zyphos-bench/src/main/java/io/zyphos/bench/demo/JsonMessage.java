package io.zyphos.bench.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"message":"..."}} written straight into a pooled buffer: a serialiser for one shape,
 * as small as the JSON test allows. Escapes what RFC 8259 §7 requires and writes the rest as UTF-8.
 */
final class JsonMessage {

    private static final byte[] OPEN = "{\"message\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonMessage() {}

    /** The message as JSON. The caller owns the returned buffer. */
    static ByteBuf encode(String message) {
        ByteBuf out = Buffers.allocator().buffer(OPEN.length + CLOSE.length + ByteBufUtil.utf8MaxBytes(message.length()));
        out.writeBytes(OPEN);
        int run = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                ByteBufUtil.writeUtf8(out, message, run, i);
                if (c < 0x20) {
                    out.writeByte('\\').writeByte('u').writeByte('0').writeByte('0')
                            .writeByte(HEX[c >> 4]).writeByte(HEX[c & 0xF]);
                } else {
                    out.writeByte('\\').writeByte(c);
                }
                run = i + 1;
            }
        }
        ByteBufUtil.writeUtf8(out, message, run, message.length());
        out.writeBytes(CLOSE);
        return out;
    }
}
