package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http1.Http1Version;

/**
 * One request and its response on an HTTP/1 connection, from the request's head to the last
 * byte of the response. Confined to the connection's thread, except that a handler on another
 * thread reads the request it was given.
 */
final class Exchange {

    /** How the request body reaches the handler. */
    enum BodyMode {
        /** No body. */
        NONE,
        /** Collected whole, then handed over with the request. */
        AGGREGATE,
        /** Handed over as it arrives, through a {@link StreamedRequestContent}. */
        STREAM
    }

    Method method;
    String rawTarget;
    Http1Version version;
    /** The request's fields: owned by the exchange, reused when it is (see {@link #start}). */
    final Headers headers;
    boolean expectsContinue;
    long startNanos;
    /** Whether the request allows another after it (RFC 9112 §9.3). */
    boolean persistent;

    BodyMode bodyMode = BodyMode.NONE;
    /** The aggregated body so far; owned here until the request takes it. */
    ByteBuf aggregate;
    StreamedRequestContent stream;
    /** Whether every byte of the request body has been read. */
    boolean bodyComplete;
    boolean continueSent;
    /** Whether the response body is chunked, so it can carry trailers. */
    boolean chunked;

    /** Whether the handler has been started (or a fixed response chosen instead). */
    boolean dispatched;
    /** An answer decided by the connection itself (an error, 417), sent without a handler. */
    HttpResponse fixedResponse;
    /** Close the connection after this response, whatever the request said. */
    boolean closeAfter;
    HttpRequest request;
    /** For an exchange {@linkplain #failed made up} for a head never whole: what there was of its request line. */
    String refusedLine;
    /**
     * Where a streamed response body goes. Set on the connection's thread only; a blocking
     * handler's thread that makes one hands it over through {@code Connection.execute}.
     */
    Http1BodySink sink;

    /** An exchange to be {@linkplain #start started}, with fields of its own. */
    Exchange() {
        this.headers = new Headers();
    }

    /**
     * Starts the exchange of a request whose head was just read; {@link #headers} hold its fields
     * already. Everything a previous exchange left is reset: a connection reuses an exchange whose
     * response is complete and to which nothing else still refers (see {@code reusable}).
     */
    Exchange start(Method method, String rawTarget, Http1Version version, boolean persistent,
            boolean expectsContinue, long startNanos) {
        this.method = method;
        this.rawTarget = rawTarget;
        this.version = version;
        this.persistent = persistent;
        this.expectsContinue = expectsContinue;
        this.startNanos = startNanos;
        bodyMode = BodyMode.NONE;
        aggregate = null;
        stream = null;
        bodyComplete = false;
        continueSent = false;
        chunked = false;
        dispatched = false;
        fixedResponse = null;
        closeAfter = false;
        request = null;
        refusedLine = null;
        sink = null;
        return this;
    }

    /**
     * Whether a completed exchange may be started again for another request: nothing but the
     * connection refers to it. A streamed body in either direction has an object of its own (the
     * request's content, the response's sink) that holds the exchange and may be called later.
     */
    boolean reusable() {
        return stream == null && sink == null && refusedLine == null && fixedResponse == null && request == null;
    }

    /**
     * An exchange that answers a request the connection could not read (a 400, say), whose head
     * never became whole: {@code requestLine} is what there was of its line, for the access log.
     */
    static Exchange failed(HttpResponse response, String requestLine, long nowNanos) {
        Exchange e = new Exchange().start(Method.GET, "*", Http1Version.HTTP_1_1, false, false, nowNanos);
        e.refusedLine = requestLine;
        e.bodyComplete = true;
        e.answerWith(response);
        return e;
    }

    /** Answers with {@code response} instead of a handler's, closing the connection after it. */
    void answerWith(HttpResponse response) {
        if (fixedResponse != null) {
            fixedResponse.release();
        }
        fixedResponse = response;
        closeAfter = true;
    }

    /** Releases what the exchange still holds: the connection closed before it finished. */
    void release(Throwable cause) {
        if (aggregate != null) {
            aggregate.release();
            aggregate = null;
        }
        if (fixedResponse != null) {
            fixedResponse.release();
            fixedResponse = null;
        }
        if (stream != null) {
            stream.fail(cause);
        }
        if (sink != null) {
            sink.close();
        }
        if (request != null) {
            request.release();
            request = null;
        }
    }
}
