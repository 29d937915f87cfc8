package io.zyphos.http1;

import io.zyphos.http.HttpVersion;

/**
 * The HTTP/1 versions a request can carry (RFC 9112 §2.3).
 *
 * <p>A request naming a higher minor version of HTTP/1, such as {@code HTTP/1.2}, is read as
 * {@link #HTTP_1_1}: RFC 9110 §2.5 says a message with a higher minor version is backwards
 * compatible with the highest minor version the recipient implements. Any other major version is
 * answered 505.
 */
public enum Http1Version {
    /** HTTP/1.0 (RFC 1945): close after each response unless keep-alive is asked for. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1 (RFC 9112): persistent unless Connection: close. */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    Http1Version(String text) {
        this.text = text;
    }

    /** The version as it appears on the wire, such as {@code HTTP/1.1}. */
    public String text() {
        return text;
    }

    /** The same version among all of HTTP's, as a request tells its handler. */
    public HttpVersion httpVersion() {
        return this == HTTP_1_0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }
}
