package io.zyphos.http;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a request knows of the connection it came on: both ends, the scheme, and the version of
 * HTTP spoken. A wire engine gives the same one to every request read from a connection (an
 * HTTP/1 connection keeps one per version its client uses, 1.0 or 1.1).
 *
 * @param remoteAddress the client's end (or the last proxy's), or {@code null} when unknown
 * @param localAddress the server's end, or {@code null} when unknown
 * @param scheme {@code "http"}, or {@code "https"} over TLS (RFC 9110 §4.2)
 * @param version the version of HTTP the requests came in
 * @param interim how the connection sends interim responses ({@link HttpRequest#sendInterim})
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress, String scheme,
                             HttpVersion version, InterimResponses interim) {

    /** For a request that came on no connection: one built by hand, in a test say. */
    public static final ConnectionInfo NONE = new ConnectionInfo(null, null, "http", HttpVersion.HTTP_1_1);

    public ConnectionInfo {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(interim, "interim");
    }

    /** A connection that sends no interim responses. */
    public ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress, String scheme, HttpVersion version) {
        this(remoteAddress, localAddress, scheme, version, InterimResponses.NONE);
    }

    /** The same connection, speaking {@code other}: this one if it already does. */
    public ConnectionInfo withVersion(HttpVersion other) {
        return other == version ? this : new ConnectionInfo(remoteAddress, localAddress, scheme, other, interim);
    }
}
