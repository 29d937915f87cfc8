package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import java.nio.file.Path;
import io.zyphos.server.Protocol;
import java.util.Objects;

/**
 * A response: status, header fields and a {@link ResponseBody}. The same object serves every
 * HTTP version; the wire engine adds what framing needs (Content-Length, Transfer-Encoding, Date,
 * Connection) and must not find them wrong: a handler that sets Content-Length on a streamed body
 * promises exactly that many bytes.
 *
 * <p><b>Buffer ownership.</b> A response whose body is {@link ResponseBody.Bytes} owns one reference
 * to that buffer. Returning the response from a handler hands it to the engine, which releases the
 * buffer once written. Code that drops a response without returning it (a filter replacing it)
 * calls {@link #release()}.
 *
 * <p>The status and body are fixed; the headers stay mutable so a filter can add to them. Not
 * thread-safe: a response belongs to one handler, then to one engine.
 *
 * <p><b>Constant responses.</b> A response that is the same every time (a health check, a fixed
 * page, the TechEmpower plaintext test) can be built once with {@link Builder#buildConstant()}
 * and returned by any number of handlers, from any thread, with no allocation per request. Its
 * header fields are read-only (a filter that adds to them gets an
 * {@link UnsupportedOperationException}: it builds a new response instead), its body is a
 * private read-only copy, and {@link #release()} does nothing.
 */
public final class HttpResponse {

    private final Status status;
    private final Headers headers;
    private final ResponseBody body;

    private HttpResponse(Status status, Headers headers, ResponseBody body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A builder for a response with {@code status}, no headers and no body. */
    public static Builder builder(Status status) {
        return new Builder(status);
    }

    /** {@code status} with no content. */
    public static HttpResponse of(Status status) {
        return new HttpResponse(Objects.requireNonNull(status, "status"), new Headers(), ResponseBody.EMPTY);
    }

    /**
     * {@code 101 (Switching Protocols)} to {@code upgrade}, one of the protocols the request named
     * in its {@code Upgrade} field (RFC 9110 §7.8): after this head the connection speaks
     * {@code next}. The engine refuses (with a 500) a switch the request did not ask for, and one
     * on a request whose body it has not read to the end.
     *
     * <pre>{@code
     * if (request.headers().containsToken(HeaderName.UPGRADE, "websocket")) {
     *     return HttpResponse.switchingProtocols("websocket", webSocketProtocolFor(request));
     * }
     * }</pre>
     */
    public static HttpResponse switchingProtocols(String upgrade, Protocol next) {
        Headers headers = new Headers();
        headers.add(HeaderName.UPGRADE, upgrade);
        headers.add(HeaderName.CONNECTION, "upgrade");
        return new HttpResponse(Status.SWITCHING_PROTOCOLS, headers, new ResponseBody.ProtocolSwitch(next));
    }

    /** {@code status} with {@code text} as {@code text/plain; charset=utf-8}. */
    public static HttpResponse text(Status status, String text) {
        return builder(status).header(HeaderName.CONTENT_TYPE, "text/plain; charset=utf-8").body(text).build();
    }

    public Status status() {
        return status;
    }

    /** The header fields; mutable, so filters can add to them. */
    public Headers headers() {
        return headers;
    }

    public ResponseBody body() {
        return body;
    }

    /**
     * Whether this response was built by {@link Builder#buildConstant()}: shared, read-only, never
     * released. An engine reads its body's buffer without moving its indexes, or sends what
     * {@link #retainedContent()} gives.
     */
    public boolean isConstant() {
        // Only buildConstant makes read-only fields.
        return headers.isReadOnly();
    }

    /**
     * The body's buffer for an engine that hands it to a transport, which sends it and releases
     * it: the buffer itself with one more reference, or, for a {@linkplain #isConstant() constant}
     * response, which every request sends, a duplicate of its own, so that no send moves another's
     * indexes.
     *
     * @throws IllegalStateException unless the body is {@link ResponseBody.Bytes}
     */
    public ByteBuf retainedContent() {
        if (!(body instanceof ResponseBody.Bytes(ByteBuf content))) {
            throw new IllegalStateException("no bytes to send: the body is " + body);
        }
        return isConstant() ? content.duplicate() : content.retain();
    }

    /**
     * Releases the body's buffer if it has one. For code that drops a response instead of returning
     * it; the engine calls it for responses it is given. Idempotent only in effect on the buffer
     * count: call it once. Does nothing for a {@linkplain #isConstant() constant} response.
     */
    public void release() {
        if (!isConstant() && body instanceof ResponseBody.Bytes(ByteBuf content)) {
            content.release();
        }
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + headers + ", " + body.getClass().getSimpleName() + "]";
    }

    /** Builds a response. Not thread-safe; build once. */
    public static final class Builder {

        private final Status status;
        private final Headers headers = new Headers();
        private ResponseBody body = ResponseBody.EMPTY;

        private Builder(Status status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        /** Appends a header field; see {@link Headers#add(HeaderName, String)} for what is refused. */
        public Builder header(HeaderName name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder header(CharSequence name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * The body is {@code content}, from its reader to its writer index. Takes ownership of
         * {@code content}: the response releases it (see the class documentation), and so does this
         * builder if a later call replaces it.
         */
        public Builder body(ByteBuf content) {
            return replaceBody(new ResponseBody.Bytes(content));
        }

        /** The body is a copy of {@code content}, in a buffer from {@link Buffers#allocator()}. */
        public Builder body(byte[] content) {
            return body(Buffers.allocator().buffer(content.length).writeBytes(content));
        }

        /**
         * The body is {@code text} in UTF-8, in a buffer from {@link Buffers#allocator()}. Sets no
         * Content-Type: say what the text is.
         */
        public Builder body(String text) {
            ByteBuf content = Buffers.allocator().buffer(ByteBufUtil.utf8Bytes(text));
            ByteBufUtil.writeUtf8(content, text);
            return body(content);
        }

        /** The body is {@code length} bytes of {@code file} from {@code offset}, sent with sendfile. */
        public Builder file(Path file, long offset, long length) {
            return replaceBody(new ResponseBody.FileRegion(file, offset, length));
        }

        /** The body is written by {@code writer} as it is produced. */
        public Builder stream(BodyWriter writer) {
            return replaceBody(new ResponseBody.Streamed(writer));
        }

        private Builder replaceBody(ResponseBody next) {
            if (body instanceof ResponseBody.Bytes(ByteBuf content)) {
                content.release();
            }
            body = next;
            return this;
        }

        /**
         * The response. A status that forbids content (1xx, 204, 304: RFC 9110 §6.4.1) with a
         * body is a programming error, refused here rather than sent wrong.
         */
        public HttpResponse build() {
            checkContent();
            return new HttpResponse(status, headers, body);
        }

        /**
         * A {@linkplain HttpResponse#isConstant() constant} response: built once, returned by any
         * number of handlers on any thread, never released. Its fields are a read-only copy of
         * this builder's; a {@link ResponseBody.Bytes} body is copied into a private read-only
         * buffer and the builder's buffer released. The one thing a constant cannot hold is a
         * {@link ResponseBody.Streamed} body, whose writer runs once per response.
         *
         * @throws IllegalStateException for a streamed body, or content on a status that forbids it
         */
        public HttpResponse buildConstant() {
            checkContent();
            ResponseBody shared = switch (body) {
                case ResponseBody.Bytes(ByteBuf content) -> {
                    byte[] bytes = ByteBufUtil.getBytes(content);
                    content.release();
                    body = ResponseBody.EMPTY;
                    yield new ResponseBody.Bytes(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly()));
                }
                case ResponseBody.Streamed streamed ->
                        throw new IllegalStateException("a streamed body is written once per response and cannot be constant");
                case ResponseBody.Empty empty -> empty;
                case ResponseBody.FileRegion region -> region;
                case ResponseBody.ProtocolSwitch change -> change;
            };
            return new HttpResponse(status, headers.readOnlyCopy(), shared);
        }

        private void checkContent() {
            if (status.forbidsContent() && !(body instanceof ResponseBody.Empty)) {
                replaceBody(ResponseBody.EMPTY);
                throw new IllegalStateException(status + " cannot have content (RFC 9110 §6.4.1)");
            }
        }
    }
}
