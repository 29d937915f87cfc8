package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.internal.ChannelBodySink;
import io.zyphos.http.internal.RequestContentQueue;
import io.zyphos.http.internal.ResponseChannel;
import io.zyphos.http1.Http1Version;
import io.zyphos.server.Connection;

/**
 * One request and its response on an HTTP/1 connection, from the request's head to the last
 * byte of the response. Confined to the connection's thread, except that a handler on another
 * thread reads the request it was given.
 *
 * <p>It is also the exchange's side of the shared machinery: the {@link ResponseChannel} the
 * exchange driver answers through, the target of its streamed response body and the reader of its
 * streamed request body. Each of those calls goes to the connection, with the exchange named.
 */
final class Exchange implements ResponseChannel, ChannelBodySink.Target, RequestContentQueue.Reader {

    /** How the request body reaches the handler. */
    enum BodyMode {
        /** No body. */
        NONE,
        /** Collected whole, then handed over with the request. */
        AGGREGATE,
        /** Handed over as it arrives, through a {@link RequestContentQueue}. */
        STREAM
    }

    private final Http1ServerConnection owner;
    Method method;
    String rawTarget;
    Http1Version version;
    /** The request's fields: owned by the exchange, reused when it is (see {@link #start}). */
    final Headers headers;
    boolean expectsContinue;
    long startNanos;
    /** Whether the request allows another after it (RFC 9112 §9.3). */
    boolean persistent;
    /** Whether the request asked to switch protocols (RFC 9110 §7.8), so what follows it may not be HTTP/1. */
    boolean upgradeAsked;

    BodyMode bodyMode = BodyMode.NONE;
    /** The aggregated body so far; owned here until the request takes it. */
    ByteBuf aggregate;
    RequestContentQueue stream;
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
    ChannelBodySink sink;

    /** An exchange of {@code owner}'s, to be {@linkplain #start started}, with fields of its own. */
    Exchange(Http1ServerConnection owner) {
        this.owner = owner;
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
        upgradeAsked = false;
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
    static Exchange failed(Http1ServerConnection owner, HttpResponse response, String requestLine, long nowNanos) {
        Exchange e = new Exchange(owner).start(Method.GET, "*", Http1Version.HTTP_1_1, false, false, nowNanos);
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

    // ---- the exchange driver's channel ----

    @Override
    public Connection connection() {
        return owner.connection();
    }

    @Override
    public void started(HttpRequest req) {
        this.request = req;
    }

    @Override
    public ChannelBodySink respond(HttpResponse response, ChannelBodySink given) {
        return owner.respond(this, response, given);
    }

    @Override
    public ChannelBodySink newSink() {
        return new ChannelBodySink(owner.connection(), this);
    }

    @Override
    public void flush() {
        owner.flush();
    }

    // ---- the streamed response body's target ----

    @Override
    public void writeBody(ByteBuf chunk) {
        owner.writeBodyChunk(this, chunk);
    }

    @Override
    public void endBody(Headers trailers) {
        owner.endBody(this, trailers);
    }

    @Override
    public void failBody(Throwable cause) {
        owner.failBody(this, cause);
    }

    @Override
    public void flushBody() {
        owner.flush();
    }

    // ---- the streamed request body's reader ----

    @Override
    public void bodyWanted() {
        owner.bodyWanted(this);
    }

    @Override
    public void bodyDrained(long bytes) {
        owner.bodyDrained(this);
    }
}
