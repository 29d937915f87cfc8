package io.zyphos.http;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a request knows of the connection it came on: both ends and the scheme. A wire engine
 * makes one per connection and gives it to every request read from it.
 *
 * @param remoteAddress the client's end (or the last proxy's), or {@code null} when unknown
 * @param localAddress the server's end, or {@code null} when unknown
 * @param scheme {@code "http"}, or {@code "https"} over TLS (RFC 9110 §4.2)
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, InetSocketAddress localAddress, String scheme) {

    /** For a request that came on no connection: one built by hand, in a test say. */
    public static final ConnectionInfo NONE = new ConnectionInfo(null, null, "http");

    public ConnectionInfo {
        Objects.requireNonNull(scheme, "scheme");
    }
}
