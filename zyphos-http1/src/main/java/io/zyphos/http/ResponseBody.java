package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Protocol;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a response carries after its head. Each kind tells the wire engine how to frame and send it.
 */
public sealed interface ResponseBody {

    /** No content: Content-Length 0, or nothing at all for 1xx, 204 and 304 (RFC 9110 §6.4.1). */
    record Empty() implements ResponseBody {}

    /**
     * Bytes known in full: sent with a Content-Length (RFC 9110 §8.6).
     *
     * @param content the bytes from its reader index to its writer index. The body owns one
     *     reference: the engine releases it once written, and {@link HttpResponse#release()} does
     *     if the response is dropped unsent.
     */
    record Bytes(ByteBuf content) implements ResponseBody {
        public Bytes {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A slice of a file, sent by the transport with {@code FileChannel.transferTo} (sendfile), so
     * the bytes go from the page cache to the socket without passing through the heap. With TLS,
     * or a transport that cannot, the engine copies through a pooled buffer instead.
     *
     * <p>The engine opens the file when it sends it and closes it after; the length is taken as
     * given (the handler got it from the same open or stat), and a file that shrank in between
     * fails the response rather than sending fewer bytes than the Content-Length promised.
     */
    record FileRegion(Path file, long offset, long length) implements ResponseBody {
        public FileRegion {
            Objects.requireNonNull(file, "file");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("offset and length must be non-negative: " + offset + ", " + length);
            }
        }
    }

    /**
     * A body produced while it is sent, of unknown length unless the handler set a Content-Length
     * header: HTTP/1.1 sends it chunked (RFC 9112 §7.1), HTTP/2 as DATA frames.
     */
    record Streamed(BodyWriter writer) implements ResponseBody {
        public Streamed {
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * No content: after the head, the connection belongs to {@code next}, the protocol a
     * {@code 101 (Switching Protocols)} answer switches to (RFC 9110 §7.8, §15.2.2). The engine
     * sends the head, then hands {@code next} the connection with whatever the client sent after
     * the request. Only HTTP/1.1 has it: HTTP/2 and HTTP/3 have no 101 (RFC 9113 §8.6), and an
     * HTTP/1.0 client cannot ask for it. Made by {@link HttpResponse#switchingProtocols}.
     */
    record ProtocolSwitch(Protocol next) implements ResponseBody {
        public ProtocolSwitch {
            Objects.requireNonNull(next, "next");
        }
    }

    /** The one empty body. */
    ResponseBody EMPTY = new Empty();
}
