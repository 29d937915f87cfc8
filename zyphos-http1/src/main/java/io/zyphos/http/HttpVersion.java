package io.zyphos.http;

/**
 * The version of HTTP a request came in (RFC 9110 §2.5): what the wire engine read it from, so a
 * handler that must know (to log it, or to refuse an old client) can ask; the semantics are the
 * same in every one.
 */
public enum HttpVersion {
    /** HTTP/1.0 (RFC 1945). */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1 (RFC 9112). */
    HTTP_1_1("HTTP/1.1"),
    /** HTTP/2 (RFC 9113). */
    HTTP_2("HTTP/2"),
    /** HTTP/3 (RFC 9114). */
    HTTP_3("HTTP/3");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as a request line or a log names it: {@code HTTP/1.1}, {@code HTTP/2}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
