package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The content of a request, as the engine hands it over: none, all of it, or a stream.
 *
 * <p>Which one a handler gets is the engine's choice, by its settings: a body no longer than its
 * aggregation limit (and known to be so, by Content-Length or by having arrived) comes whole; a
 * longer one streams. So a handler that matches only {@link Full} works in tests and fails on the
 * first large body: read bodies with {@link HttpRequest#bodyAsString}, {@link HttpRequest#bodyAsBytes},
 * {@link HttpRequest#bodyInputStream} or {@link HttpRequest#aggregateBody}, which take every shape,
 * and switch over this only to take the bytes without a copy. A body past the engine's size limit
 * is refused with 413 Content Too Large (RFC 9110 §15.5.14) before any handler runs.
 */
public sealed interface RequestBody {

    /** No content: no Content-Length or Transfer-Encoding, or a Content-Length of 0. */
    record Empty() implements RequestBody {}

    /**
     * The whole body, aggregated by the engine.
     *
     * @param content the bytes, from its reader index to its writer index. The request owns this
     *     buffer and {@link HttpRequest#release()} releases it; the engine calls that once the
     *     response is complete. A handler that keeps the bytes longer calls {@code retain()} (or
     *     copies them) and releases what it retained.
     */
    record Full(ByteBuf content) implements RequestBody {
        public Full {
            Objects.requireNonNull(content, "content");
        }
    }

    /** A body still arriving, read by demand. */
    record Streamed(ContentSource source) implements RequestBody {
        public Streamed {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The one empty body. */
    RequestBody EMPTY = new Empty();
}
