package io.zyphos.http1.internal;

/**
 * The problems the connection finds itself, besides the parser's ({@code Http1Violation.problem()}),
 * in the words its {@code ErrorHandler} is given. Nothing the client sent is in them.
 */
final class ErrorResponses {

    static final String REQUEST_TIMEOUT = "the request head did not arrive in time (RFC 9110 §15.5.9)";
    static final String EXPECTATION_FAILED = "the only expectation this server meets is 100-continue (RFC 9110 §10.1.1)";

    private ErrorResponses() {}
}
