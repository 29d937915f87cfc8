package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A request as a handler sees it, whatever HTTP version carried it: method, target (raw, and its
 * decoded {@linkplain #path() path} and {@linkplain #query() query parameters}), version,
 * authority, header fields, body, the route that matched it, and the connection it came on.
 *
 * <p>A wire engine builds one with {@link #builder}, after it has parsed the head and routed the
 * path; tests build them the same way.
 *
 * <p><b>Buffer ownership.</b> A {@link RequestBody.Full} body is owned by the request, and
 * {@link #release()} releases it. The engine calls {@code release()} once the response is complete;
 * a handler that keeps the bytes longer (say, to process them after responding) retains them.
 *
 * <p><b>Route parameters.</b> The {@link RouteMatch} is valid while the handler runs. An engine that
 * reuses one match object per connection hands a {@link RouteMatch#copy() copy} to a handler that
 * runs on another thread.
 *
 * <p>Not thread-safe: a request belongs to the handler running it.
 */
public final class HttpRequest {

    // One is made for every request: seven references and nothing else keep it at 40 bytes
    // (compressed references), which Http1ServeBenchmark watches.
    private final Method method;
    private final RequestTarget target;
    private final Headers headers;
    private final RequestBody body;
    private final RouteMatch route;
    /** Both ends, the scheme and the version: shared by the requests of one connection. */
    private final ConnectionInfo connection;
    /** Made when first needed, which a request often never is. */
    private OnDemand onDemand;

    /** What a request works out only when asked. */
    private static final class OnDemand {
        QueryParameters query;
        /** Whether a body helper has read the body: a streamed one can be read only once. */
        boolean bodyRead;
    }

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.target = b.target;
        this.headers = b.headers != null ? b.headers : new Headers();
        this.body = b.body;
        this.route = b.route;
        this.connection = b.connection;
    }

    private OnDemand onDemand() {
        if (onDemand == null) {
            onDemand = new OnDemand();
        }
        return onDemand;
    }

    /** A builder for a request with {@code method} and {@code target}. */
    public static Builder builder(Method method, RequestTarget target) {
        return new Builder(method, target);
    }

    /** A builder for a request with {@code method} and the target parsed from {@code rawTarget}. */
    public static Builder builder(Method method, String rawTarget) {
        return new Builder(method, RequestTarget.parse(rawTarget));
    }

    public Method method() {
        return method;
    }

    public RequestTarget target() {
        return target;
    }

    /** The decoded path without dot segments: {@link RequestTarget#path()}. */
    public String path() {
        return target.path();
    }

    /** The query parameters, decoded when first asked for; empty if there is no query. */
    public QueryParameters query() {
        OnDemand later = onDemand();
        if (later.query == null) {
            later.query = QueryParameters.parse(target.rawQuery());
        }
        return later.query;
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String queryParam(String name) {
        return query().first(name);
    }

    /** The version of HTTP the request came in. */
    public HttpVersion version() {
        return connection.version();
    }

    /**
     * The authority the request is for (RFC 9110 §7.2): an absolute-form target's authority, which
     * wins over Host (RFC 9112 §3.2.2), else the Host field's value; {@code null} if there is
     * neither (an HTTP/1.0 request without Host).
     */
    public String authority() {
        String authority = target.authority();
        return authority != null ? authority : headers.get(HeaderName.HOST);
    }

    /** {@code "http"}, or {@code "https"} when the request came over TLS (RFC 9110 §4.2). */
    public String scheme() {
        return connection.scheme();
    }

    /** The client's address, or {@code null} if the request came on no connection (a test's). */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** The server's address the request came to, or {@code null} if it came on no connection. */
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /** Both ends of the connection, its scheme and its version. */
    public ConnectionInfo connection() {
        return connection;
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of header {@code name}, or {@code null}. */
    public String header(HeaderName name) {
        return headers.get(name);
    }

    /**
     * The body as the engine handed it over: none, all of it, or a stream read by demand. Most
     * handlers read it with {@link #bodyAsString}, {@link #bodyAsBytes}, {@link #bodyInputStream}
     * or {@link #aggregateBody}, which work whatever its shape and size; this is for handlers that
     * take the bytes without copying them.
     */
    public RequestBody body() {
        return body;
    }

    /**
     * The whole body as text, in the charset its Content-Type names (UTF-8 if none). Waits for it
     * to arrive: for {@link InvocationType#BLOCKING} handlers (the default), or for any handler
     * when the body came whole. Like every body helper, once per request.
     *
     * @param max the most bytes accepted; a longer body is refused with 413 Content Too Large
     *     (RFC 9110 §15.5.14), by its Content-Length before a byte is read, and the rest of it is
     *     discarded
     * @throws HttpException 413 past {@code max}; 415 for a charset this JVM lacks; or, if the body
     *     broke HTTP's framing, the status the engine gives that (400). Thrown out of a handler,
     *     the engine answers it.
     * @throws java.io.UncheckedIOException if the connection ended before the body did
     * @throws IllegalStateException in a {@link InvocationType#NON_BLOCKING} handler, for a body
     *     still arriving: waiting for it there would stop the thread that brings it
     */
    public String bodyAsString(long max) {
        Charset charset = BodyReader.charset(headers.get(HeaderName.CONTENT_TYPE));
        return new String(bodyAsBytes(max), charset);
    }

    /** The whole body as bytes; see {@link #bodyAsString} for {@code max}, waiting and failures. */
    public byte[] bodyAsBytes(long max) {
        claimBody();
        return BodyReader.bytes(body, declaredLength(), max);
    }

    /**
     * The body as a stream, for a {@link InvocationType#BLOCKING} handler that reads it as it
     * comes (a large upload, say) without holding it all. Reads wait for the client. Closing the
     * stream before its end discards the rest. No limit but the engine's own (HTTP/1:
     * {@code Http1ParserSettings.maxBodyBytes}, 413 past it).
     */
    public InputStream bodyInputStream() {
        claimBody();
        return BodyReader.inputStream(body);
    }

    /**
     * The whole body, later: for code that must not wait, such as a
     * {@link InvocationType#NON_BLOCKING} handler or a {@link BodyWriter}. Completes on the
     * connection's thread (at once if the body came whole) with a copy of the bytes, or
     * exceptionally with a 413 {@link HttpException} past {@code max} (the rest is discarded), or
     * with what ended the body early.
     */
    public CompletionStage<byte[]> aggregateBody(long max) {
        claimBody();
        return BodyReader.aggregate(body, declaredLength(), max);
    }

    /**
     * A body is read once, by one helper, whatever its size: a streamed body is gone once read,
     * so reading an aggregated one twice is refused too, and a handler that does cannot pass
     * small tests and fail on large bodies.
     */
    private void claimBody() {
        OnDemand later = onDemand();
        if (later.bodyRead) {
            throw new IllegalStateException("the request body was read already: keep what the first read returned");
        }
        later.bodyRead = true;
    }

    /** The Content-Length the request declared, -1 if none (the engine has checked its syntax). */
    private long declaredLength() {
        String length = headers.get(HeaderName.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The route that matched, or {@code null} if the request was not routed. */
    public RouteMatch route() {
        return route;
    }

    /**
     * The decoded value of path parameter {@code name} ({@code {id}} in {@code /users/{id}}), or
     * {@code null} if the route has no such parameter.
     */
    public String pathParam(String name) {
        return route == null ? null : route.param(name);
    }

    /**
     * Sends an interim response ahead of the final one (RFC 9110 §15.2): {@code 103 Early Hints}
     * with {@code Link} fields for the client to preload while this handler still works
     * (RFC 8297), or a {@code 100 Continue} of the handler's own. Any thread may call it, any
     * number of times, until the handler returns its final response. It is dropped where it
     * cannot go: to an HTTP/1.0 client, once the final response has begun, or on a request that
     * came on no connection.
     *
     * @param fields the interim response's fields, or {@code null} for none
     * @throws IllegalArgumentException if {@code status} is not 1xx, or is 101, which is a final
     *     answer ({@link HttpResponse#switchingProtocols})
     */
    public void sendInterim(Status status, Headers fields) {
        int code = status.code();
        if (code < 100 || code > 199 || code == Status.SWITCHING_PROTOCOLS.code()) {
            throw new IllegalArgumentException("an interim response is 1xx other than 101, not " + status);
        }
        connection.interim().send(this, status, fields == null ? new Headers() : fields);
    }

    /** Releases the body's buffer if it has one: see the class documentation. Call it once. */
    public void release() {
        if (body instanceof RequestBody.Full(ByteBuf content)) {
            content.release();
        }
    }

    @Override
    public String toString() {
        return method + " " + target;
    }

    /** Builds a request. Not thread-safe; build once. */
    public static final class Builder {

        private final Method method;
        private final RequestTarget target;
        /** Made when first needed: an engine passes its own. */
        private Headers headers;
        private RequestBody body = RequestBody.EMPTY;
        private RouteMatch route;
        private ConnectionInfo connection = ConnectionInfo.NONE;

        private Builder(Method method, RequestTarget target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Appends a header field; see {@link Headers#add(HeaderName, String)} for what is refused. */
        public Builder header(HeaderName name, String value) {
            fields().add(name, value);
            return this;
        }

        public Builder header(CharSequence name, String value) {
            fields().add(name, value);
            return this;
        }

        private Headers fields() {
            if (headers == null) {
                headers = new Headers();
            }
            return headers;
        }

        /** The version: {@link HttpVersion#HTTP_1_1} unless set, here or by {@link #connection}. */
        public Builder version(HttpVersion version) {
            this.connection = connection.withVersion(Objects.requireNonNull(version, "version"));
            return this;
        }

        /** The connection the request came on, and its version; {@link ConnectionInfo#NONE} unless set. */
        public Builder connection(ConnectionInfo connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** Uses {@code fields} as the request's header fields (not copied: the request takes them). */
        public Builder headers(Headers fields) {
            this.headers = Objects.requireNonNull(fields, "fields");
            return this;
        }

        /** The whole body. Takes ownership of {@code content}: the request releases it. */
        public Builder body(ByteBuf content) {
            this.body = new RequestBody.Full(content);
            return this;
        }

        /** A body read by demand from {@code source}. */
        public Builder body(ContentSource source) {
            this.body = new RequestBody.Streamed(source);
            return this;
        }

        /** The route that matched; see the class documentation for its lifetime. */
        public Builder route(RouteMatch match) {
            this.route = match;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
