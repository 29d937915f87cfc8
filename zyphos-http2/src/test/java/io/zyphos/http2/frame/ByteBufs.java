package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Small conversions between test bytes and buffers. */
final class ByteBufs {

    private ByteBufs() {}

    /** The readable bytes of {@code buf}, copied; the buffer is left as it was. */
    static byte[] toArray(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    /** An unpooled heap buffer over {@code text} as ASCII, for frames a test builds. */
    static ByteBuf ascii(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** An unpooled heap buffer over {@code bytes}. */
    static ByteBuf wrap(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }
}
