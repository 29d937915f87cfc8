package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A request as a handler sees it, whatever HTTP version carried it: method, target (raw, and its
 * decoded {@linkplain #path() path} and {@linkplain #query() query parameters}), header fields,
 * body, and the route that matched it.
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

    private final Method method;
    private final RequestTarget target;
    private final Headers headers;
    private final RequestBody body;
    private final RouteMatch route;
    private QueryParameters query;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.target = b.target;
        this.headers = b.headers;
        this.body = b.body;
        this.route = b.route;
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
        if (query == null) {
            query = QueryParameters.parse(target.rawQuery());
        }
        return query;
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String queryParam(String name) {
        return query().first(name);
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of header {@code name}, or {@code null}. */
    public String header(HeaderName name) {
        return headers.get(name);
    }

    public RequestBody body() {
        return body;
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
        private Headers headers = new Headers();
        private RequestBody body = RequestBody.EMPTY;
        private RouteMatch route;

        private Builder(Method method, RequestTarget target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = Objects.requireNonNull(target, "target");
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
