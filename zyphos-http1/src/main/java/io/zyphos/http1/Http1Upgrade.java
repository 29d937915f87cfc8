package io.zyphos.http1;

import io.zyphos.http.HttpRequest;
import io.zyphos.server.Protocol;

/**
 * A protocol an HTTP/1.1 request can upgrade to (RFC 9110 §7.8) that the connection answers
 * itself, before any handler: {@code h2c}, where the request that asked becomes the first stream
 * of the HTTP/2 connection that follows (RFC 7540 §3.2). Protocols a handler chooses per request,
 * such as WebSocket on one route, answer with {@link io.zyphos.http.HttpResponse#switchingProtocols}
 * instead.
 *
 * <p>Given to {@link Http1Protocol.Builder#upgrade}. Called on the connection's thread, for an
 * HTTP/1.1 request whose {@code Upgrade} field lists {@link #token()} with the {@code upgrade}
 * connection option, once its body has been read whole; a request whose body streams to its
 * handler is served on HTTP/1.1.
 */
public interface Http1Upgrade {

    /** The protocol's token in {@code Upgrade}, such as {@code "h2c"}. */
    String token();

    /**
     * The protocol that takes the connection over after a {@code 101}, and serves
     * {@code request} there; or {@code null} to decline (a malformed {@code HTTP2-Settings}, say),
     * and the request is served on HTTP/1.1 as if it had not asked.
     *
     * @param request the request that asked. If this accepts, the returned protocol owns it and
     *     releases it; if it declines, the request stays the connection's.
     */
    Protocol accept(HttpRequest request);
}
