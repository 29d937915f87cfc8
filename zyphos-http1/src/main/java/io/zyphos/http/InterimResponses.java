package io.zyphos.http;

/**
 * A connection's way to send interim (1xx) responses ahead of a request's final one (RFC 9110
 * §15.2): {@code 103 Early Hints} with links to preload while the handler still works, or a
 * {@code 100 Continue} the handler decides on itself. Handlers call
 * {@link HttpRequest#sendInterim}; wire engines implement this and give it to their requests
 * through {@link ConnectionInfo}.
 */
@FunctionalInterface
public interface InterimResponses {

    /** For requests that came on no connection, and versions that send none: drops them all. */
    InterimResponses NONE = (request, status, fields) -> { };

    /**
     * Sends {@code status} with {@code fields} before {@code request}'s final response, if it can
     * still go: not once the final response has begun, and never to an HTTP/1.0 client (RFC 9110
     * §15.2). Any thread may call this; the engine moves it to the connection's thread, so it is
     * on its way, not necessarily sent, when this returns.
     *
     * @param status a 1xx other than 101, checked by {@link HttpRequest#sendInterim}
     */
    void send(HttpRequest request, Status status, Headers fields);
}
