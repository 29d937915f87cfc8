package io.zyphos.http2.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.internal.ChannelBodySink;
import io.zyphos.http.internal.RequestContentQueue;
import io.zyphos.http.internal.ResponseChannel;
import io.zyphos.server.Connection;
import java.nio.channels.FileChannel;

/**
 * One request and its response on an HTTP/2 stream, from the request's header section to the end
 * of the response. It is the stream's side of the shared machinery: the {@link ResponseChannel}
 * the exchange driver answers through, the target of a streamed response body and the reader of a
 * streamed request body; each call goes to the connection with the exchange named. Confined to the
 * connection's thread, except that a handler on another thread reads the request it was given.
 */
final class Http2Exchange implements ResponseChannel, ChannelBodySink.Target, RequestContentQueue.Reader {

    private final Http2ServerConnection owner;
    final int streamId;
    final Method method;
    final String rawTarget;
    final long startNanos;

    /** The request being built until it is dispatched; then {@code null}. */
    HttpRequest.Builder pending;
    /** The decoded path, for routing. */
    String path;
    /** The request content so far, while it is collected whole; owned here. */
    ByteBuf aggregate;
    /** The request content, when it streams to the handler. */
    RequestContentQueue content;
    /** Whether the client's side of the stream ended (END_STREAM or trailers). */
    boolean requestEnded;
    boolean dispatched;
    /** The request as the handler got it; released when the exchange completes. */
    HttpRequest request;
    /** Whether the final response's HEADERS were queued. */
    boolean responseStarted;
    int status;
    /** Where a streamed response body goes. */
    ChannelBodySink sink;
    long bodyBytes;
    /** A file being sent as the response body, read piece by piece as the stream's window allows. */
    FileChannel file;
    long filePosition;
    long fileRemaining;

    Http2Exchange(Http2ServerConnection owner, int streamId, Method method, String rawTarget, long startNanos) {
        this.owner = owner;
        this.streamId = streamId;
        this.method = method;
        this.rawTarget = rawTarget;
        this.startNanos = startNanos;
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
        owner.writeOutput();
    }

    // ---- the streamed response body's target ----

    @Override
    public void writeBody(ByteBuf chunk) {
        owner.writeBody(this, chunk);
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
        owner.writeOutput();
    }

    // ---- the streamed request body's reader ----

    @Override
    public void bodyWanted() {
        // HTTP/2 has no 100-continue to send on demand: flow control paces the client instead.
    }

    @Override
    public void bodyDrained(long bytes) {
        owner.contentTaken(this, bytes);
    }

    @Override
    public String toString() {
        return "stream " + streamId + " " + method + " " + rawTarget;
    }
}
