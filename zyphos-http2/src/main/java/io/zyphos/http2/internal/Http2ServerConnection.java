package io.zyphos.http2.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.collection.IntObjectHashMap;
import io.zyphos.http.ConnectionInfo;
import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.HttpVersion;
import io.zyphos.http.Method;
import io.zyphos.http.RequestBody;
import io.zyphos.http.RequestTarget;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Status;
import io.zyphos.http.internal.ChannelBodySink;
import io.zyphos.http.internal.RequestContentQueue;
import io.zyphos.http.internal.ResponseLength;
import io.zyphos.http.log.AccessLog;
import io.zyphos.http1.DateHeaderCache;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Settings;
import io.zyphos.http2.server.Http2ServerEngine;
import io.zyphos.http2.server.Http2ServerListener;
import io.zyphos.http2.server.RequestHead;
import io.zyphos.server.Connection;
import io.zyphos.server.ProtocolHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/2 connection on the server bootstrap: the transport's callbacks drive the sans-I/O
 * {@link Http2ServerEngine}, whose requests go to the handlers through the shared
 * {@link io.zyphos.http.internal.ExchangeDriver}, one {@link Http2Exchange} per stream. This class
 * only translates: bytes to the engine and its output to the socket, a request head to an
 * {@link HttpRequest}, a handler's {@link HttpResponse} to HEADERS and DATA, request content to the
 * handler at the pace flow control allows. The protocol rules are the engine's.
 *
 * <p>Everything here runs on the connection's thread. Handlers on other threads come back through
 * {@link Connection#execute}.
 */
public final class Http2ServerConnection implements ProtocolHandler, Http2ServerListener {

    private static final System.Logger LOG = System.getLogger(Http2ServerConnection.class.getName());

    /** The most the engine writes into one buffer for the socket. */
    private static final int OUTPUT_CHUNK = 16 * 1024;
    /** A file response body is read in pieces of this size, as the stream's window takes them. */
    private static final int FILE_PIECE = 16 * 1024;

    private final Connection conn;
    private final Http2Config config;
    private final Http2ServerEngine engine;
    private final ErrorHandler errors;
    private final AccessLog accessLog;
    private final IntObjectHashMap<Http2Exchange> exchanges = new IntObjectHashMap<>();
    private final ConnectionInfo info;
    private final RouteMatch match = new RouteMatch();
    private final DateHeaderCache dates = new DateHeaderCache();
    /** A response's fields as they go out: the handler's, with Date and Content-Length. Reused. */
    private final Headers outgoing = new Headers();
    /** The last request target parsed, and its raw form: a client asks for the same path again and again. */
    private String lastRawTarget;
    private RequestTarget lastTarget;
    /** The last Content-Length written, and its text. */
    private long lastLength = -1;
    private String lastLengthText;
    /** Input the engine could not take while its output waited for a client that does not read. */
    private ByteBuf heldInput;
    /** The h2c request that becomes stream 1, until the engine delivers it. */
    private HttpRequest upgradedRequest;
    private boolean inRead;
    private boolean closed;

    private Http2ServerConnection(Connection conn, Http2Config config) {
        this.conn = conn;
        this.config = config;
        this.engine = new Http2ServerEngine(config.engine(), this);
        this.errors = config.service().errorHandler();
        this.accessLog = config.service().accessLog();
        String scheme = conn.tls().isPresent() ? "https" : "http";
        this.info = new ConnectionInfo(conn.remoteAddress(), conn.localAddress(), scheme, HttpVersion.HTTP_2, this::sendInterim);
        config.metrics().connections.increment();
    }

    /** A connection that began as HTTP/2: the client preface in clear text, or ALPN {@code h2}. */
    public static Http2ServerConnection start(Connection conn, Http2Config config) {
        Http2ServerConnection c = new Http2ServerConnection(conn, config);
        c.engine.start(System.nanoTime());
        c.writeOutput();
        return c;
    }

    /**
     * A connection upgraded from HTTP/1.1 with {@code Upgrade: h2c} (RFC 7540 §3.2): the request
     * that asked becomes stream 1 and is answered there. Takes ownership of {@code request}.
     */
    public static Http2ServerConnection upgraded(Connection conn, Http2Config config, Http2Settings clientSettings,
            HttpRequest request) {
        Http2ServerConnection c = new Http2ServerConnection(conn, config);
        config.metrics().upgrades.increment();
        c.upgradedRequest = request;
        c.engine.startFromUpgrade(clientSettings, request.method(), c.info.scheme(), request.authority(),
                request.target().raw(), request.headers(), System.nanoTime());
        c.writeOutput();
        return c;
    }

    Connection connection() {
        return conn;
    }

    // ---- transport callbacks ----

    @Override
    public void onRead(ByteBuf in, long nowNanos) {
        inRead = true;
        try {
            if (heldInput != null) {
                heldInput.writeBytes(in);
                feed(heldInput, nowNanos);
            } else {
                feed(in, nowNanos);
            }
        } finally {
            inRead = false;
        }
        writeOutput();
    }

    /**
     * Gives the engine what it takes. It stops taking while its own output (acknowledgements,
     * resets) passes its bound; that output is written as far as the socket takes it and the
     * engine goes on. What is left when the socket is full waits here, bounded by one read: the
     * transport stops reading while its write queue is over the watermark.
     */
    private void feed(ByteBuf in, long nowNanos) {
        while (true) {
            engine.receive(in, nowNanos);
            if (!in.isReadable() || closed) {
                break;
            }
            writeOutput();
            if (!conn.isWritable()) {
                break;
            }
        }
        if (in == heldInput) {
            if (!in.isReadable()) {
                heldInput.release();
                heldInput = null;
            } else {
                in.discardReadBytes();
            }
        } else if (in.isReadable() && !closed) {
            heldInput = conn.alloc().directBuffer(in.readableBytes());
            heldInput.writeBytes(in);
        } else {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) {
            writeOutput();
            if (heldInput != null) {
                inRead = true;
                try {
                    feed(heldInput, System.nanoTime());
                } finally {
                    inRead = false;
                }
                writeOutput();
            }
        }
    }

    @Override
    public long nextDeadlineNanos() {
        return engine.nextDeadlineNanos();
    }

    @Override
    public void onTimeout(long nowNanos) {
        engine.onTimeout(nowNanos);
        writeOutput();
    }

    @Override
    public boolean onShutdown(long nowNanos) {
        // RFC 9113 §6.8: GOAWAY, then the requests already sent are answered, then the engine
        // ends and writeOutput closes the connection.
        engine.goAway(true);
        writeOutput();
        return false;
    }

    @Override
    public void onClosed() {
        closed = true;
        ClosedChannelException cause = new ClosedChannelException();
        List<Http2Exchange> open = new ArrayList<>(exchanges.values());
        exchanges.clear();
        for (Http2Exchange x : open) {
            drop(x, cause);
        }
        if (upgradedRequest != null) {
            upgradedRequest.release();
            upgradedRequest = null;
        }
        if (heldInput != null) {
            heldInput.release();
            heldInput = null;
        }
        engine.close();
    }

    /** Writes what the engine has for the socket, while the socket takes it; closes once the engine is finished. */
    void writeOutput() {
        if (closed) {
            return;
        }
        while (conn.isWritable()) {
            ByteBuf out = conn.alloc().directBuffer(OUTPUT_CHUNK);
            if (engine.pollOutbound(out, OUTPUT_CHUNK) == 0) {
                out.release();
                break;
            }
            conn.write(out);
        }
        if (!inRead) {
            conn.flush();
        }
        if (engine.isFinished()) {
            conn.close();
        }
    }

    // ---- the engine's events ----

    @Override
    public void onRequest(RequestHead head) {
        int id = head.streamId();
        config.metrics().requests.increment();
        if (id == 1 && upgradedRequest != null) {
            serveUpgraded(upgradedRequest);
            upgradedRequest = null;
            return;
        }
        String raw = head.path() != null ? head.path() : head.authority();
        Http2Exchange x = new Http2Exchange(this, id, head.method(), raw, System.nanoTime());
        exchanges.put(id, x);
        RequestTarget target;
        try {
            target = parseTarget(raw);
        } catch (HttpException bad) {
            x.requestEnded = head.endStream();
            respond(x, errors.respond(null, bad), null);
            return;
        }
        Headers fields = head.headers().copy();
        if (head.authority() != null && !fields.contains(HeaderName.HOST)) {
            // Handlers read the authority from Host whatever the version (RFC 9113 §8.3.1).
            fields.add(HeaderName.HOST, head.authority());
        }
        x.path = target.path();
        x.pending = HttpRequest.builder(head.method(), target).headers(fields).connection(info);
        if (head.endStream()) {
            x.requestEnded = true;
            dispatch(x, false);
            return;
        }
        String length = fields.get(HeaderName.CONTENT_LENGTH);
        if (length != null && exceedsAggregate(length)) {
            stream(x);
        }
    }

    /** {@link RequestTarget#parse}, once for a raw target asked for again and again (it is immutable). */
    private RequestTarget parseTarget(String raw) {
        if (raw.equals(lastRawTarget)) {
            return lastTarget;
        }
        RequestTarget target = RequestTarget.parse(raw);
        lastRawTarget = raw;
        lastTarget = target;
        return target;
    }

    private boolean exceedsAggregate(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > config.maxAggregatedBodyBytes();
        } catch (NumberFormatException e) {
            // The engine checks content-length against the DATA (RFC 9113 §8.1.1); here it only picks a mode.
            return false;
        }
    }

    /** The h2c request, read whole on HTTP/1.1, is stream 1's: served as any request, its body with it. */
    private void serveUpgraded(HttpRequest upgraded) {
        Http2Exchange x = new Http2Exchange(this, 1, upgraded.method(), upgraded.target().raw(), System.nanoTime());
        exchanges.put(1, x);
        x.requestEnded = true;
        x.path = upgraded.path();
        HttpRequest.Builder b = HttpRequest.builder(upgraded.method(), upgraded.target()).connection(info);
        Headers fields = upgraded.headers().copy();
        fields.remove(HeaderName.UPGRADE);
        fields.remove(HeaderName.CONNECTION);
        fields.remove(HeaderName.of("http2-settings"));
        b.headers(fields);
        if (upgraded.body() instanceof RequestBody.Full(ByteBuf content)) {
            b.body(content);
        }
        x.pending = b;
        dispatch(x, false);
    }

    /** From now on the request content goes to the handler as it arrives; the handler starts now. */
    private void stream(Http2Exchange x) {
        // Flow control bounds what waits here: the client sends only what consumed() gave back.
        x.content = new RequestContentQueue(conn, x, Long.MAX_VALUE);
        x.pending.body(x.content);
        if (x.aggregate != null) {
            x.content.offer(x.aggregate);
            x.aggregate = null;
        }
        dispatch(x, true);
    }

    private void dispatch(Http2Exchange x, boolean streaming) {
        x.dispatched = true;
        HttpRequest.Builder b = x.pending;
        x.pending = null;
        if (!streaming && x.aggregate != null) {
            b.body(x.aggregate);
            x.aggregate = null;
        }
        config.driver().dispatch(x, b, x.method, x.path, match, streaming);
    }

    @Override
    public void onData(int streamId, ByteBuf data, boolean endStream) {
        Http2Exchange x = exchanges.get(streamId);
        int n = data.readableBytes();
        if (x == null || x.content == null && x.dispatched) {
            // Answered already, or a request whose target was refused: the content is dropped, and
            // the window given back so the connection's own window does not shrink for it.
            engine.consumed(streamId, n);
            if (x != null && endStream) {
                x.requestEnded = true;
            }
            return;
        }
        if (x.content != null) {
            if (n > 0) {
                x.content.offer(data.retainedSlice());
            }
        } else if (n > 0) {
            if (x.aggregate == null) {
                x.aggregate = conn.alloc().directBuffer(Math.max(n, 256));
            }
            x.aggregate.writeBytes(data);
            // Collected whole, up to the limit: the window opens as it is collected.
            engine.consumed(streamId, n);
            if (x.aggregate.readableBytes() > config.maxAggregatedBodyBytes()) {
                stream(x);
            }
        }
        if (endStream) {
            endRequest(x, null);
        }
    }

    @Override
    public void onTrailers(int streamId, Headers trailers) {
        Http2Exchange x = exchanges.get(streamId);
        if (x != null) {
            endRequest(x, trailers.copy());
        }
    }

    private void endRequest(Http2Exchange x, Headers trailers) {
        x.requestEnded = true;
        if (x.content != null) {
            x.content.end(trailers);
        } else if (!x.dispatched) {
            dispatch(x, false);
        }
    }

    @Override
    public void onStreamReset(int streamId, Http2ErrorCode code) {
        config.metrics().streamsReset.increment();
        Http2Exchange x = exchanges.remove(streamId);
        if (x != null) {
            log(x, x.responseStarted ? x.status : 499, x.bodyBytes);
            drop(x, new IOException("the client reset stream " + streamId + " (" + code + ")"));
        }
    }

    @Override
    public void onStreamWritable(int streamId) {
        Http2Exchange x = exchanges.get(streamId);
        if (x == null) {
            return;
        }
        if (x.file != null) {
            sendFilePieces(x);
        } else if (x.sink != null) {
            x.sink.writabilityChanged(true);
        }
    }

    @Override
    public void onGoAway(int lastStreamId, Http2ErrorCode code, ByteBuf debugData) {
        // The client opens no more streams; those open finish, and the engine ends when they have.
    }

    @Override
    public void onConnectionEnded(Http2Exception error) {
        if (error != null) {
            config.metrics().connectionErrors.increment();
            LOG.log(Level.DEBUG, () -> conn.remoteAddress() + ": " + error.getMessage());
        }
    }

    // ---- answering ----

    /**
     * Queues {@code response} on its stream: HEADERS, and DATA unless the body streams. Takes
     * ownership of the response.
     *
     * @return the sink a streamed body goes to, or {@code null}
     */
    ChannelBodySink respond(Http2Exchange x, HttpResponse response, ChannelBodySink given) {
        if (closed || exchanges.get(x.streamId) != x) {
            // The connection closed or the client reset the stream while the handler ran.
            response.release();
            if (given != null) {
                given.close();
            }
            return null;
        }
        HttpResponse r = response;
        if (r.body() instanceof ResponseBody.ProtocolSwitch || r.status().code() < 200) {
            // RFC 9113 §8.6: HTTP/2 has no 101, and a handler cannot end with an interim response.
            LOG.log(Level.WARNING, "handler answered " + x + " with " + r.status() + ", which HTTP/2 cannot send");
            r.release();
            r = errors.respond(x.request, Status.INTERNAL_SERVER_ERROR, ErrorHandler.UNEXPECTED);
        }
        Status status = r.status();
        boolean withBody = x.method != Method.HEAD && !status.forbidsContent();
        long declared = fieldsOut(r.headers());
        ResponseBody body = r.body();
        if (withBody && body instanceof ResponseBody.FileRegion region && region.length() > 0) {
            try {
                x.file = FileChannel.open(region.file(), StandardOpenOption.READ);
                if (x.file.size() < region.offset() + region.length()) {
                    throw new IOException(region.file() + " is shorter than the region to send");
                }
            } catch (IOException | RuntimeException failure) {
                closeFile(x);
                LOG.log(Level.WARNING, "cannot send " + region.file(), failure);
                r.release();
                r = errors.respond(x.request, Status.INTERNAL_SERVER_ERROR, ErrorHandler.UNEXPECTED);
                status = r.status();
                declared = fieldsOut(r.headers());
                body = r.body();
            }
        }
        x.status = status.code();
        x.responseStarted = true;
        long length = ResponseLength.of(body, declared);
        if (length >= 0 && !(withBody && body instanceof ResponseBody.Streamed && declared < 0) && !status.forbidsContent()) {
            if (length != lastLength) {
                lastLength = length;
                lastLengthText = Long.toString(length);
            }
            outgoing.add(HeaderName.CONTENT_LENGTH, lastLengthText);
        }
        boolean hasContent = withBody && switch (body) {
            case ResponseBody.Empty empty -> false;
            case ResponseBody.Bytes(ByteBuf content) -> content.isReadable();
            case ResponseBody.FileRegion region -> region.length() > 0;
            case ResponseBody.Streamed streamed -> true;
            case ResponseBody.ProtocolSwitch change -> false;
        };
        if (!engine.sendHeaders(x.streamId, status.code(), outgoing, !hasContent)) {
            r.release();
            closeFile(x);
            if (given != null) {
                given.close();
            }
            return null;
        }
        if (!hasContent) {
            r.release();
            if (given != null) {
                given.close();
            }
            complete(x);
            return null;
        }
        switch (body) {
            case ResponseBody.Bytes bytes -> {
                x.bodyBytes = length;
                engine.sendData(x.streamId, r.retainedContent(), true);
                r.release();
                complete(x);
                return null;
            }
            case ResponseBody.FileRegion region -> {
                x.filePosition = region.offset();
                x.fileRemaining = region.length();
                r.release();
                sendFilePieces(x);
                return null;
            }
            default -> {
                x.sink = given != null ? given : x.newSink();
                x.sink.status(status.code());
                if (!inRead) {
                    writeOutput();
                }
                return x.sink;
            }
        }
    }

    /**
     * Fills {@link #outgoing} with {@code fields} as they go out: Content-Length left for the
     * caller to write, a Date added if the handler set none (RFC 9110 §6.6.1).
     *
     * @return the Content-Length the handler set, or -1
     */
    private long fieldsOut(Headers fields) {
        // Copied unchecked: the response's fields were checked when they were added.
        outgoing.setAll(fields);
        long declared = -1;
        boolean lengthSet = false;
        boolean dated = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderName name = fields.name(i);
            if (name == HeaderName.CONTENT_LENGTH && !lengthSet) {
                lengthSet = true;
                try {
                    declared = Long.parseLong(fields.value(i).trim());
                } catch (NumberFormatException ignored) {
                    declared = -1;
                }
            }
            dated |= name == HeaderName.DATE;
        }
        if (lengthSet) {
            // Written by the caller, from the body it knows.
            outgoing.remove(HeaderName.CONTENT_LENGTH);
        }
        if (!dated) {
            outgoing.add(HeaderName.DATE, dates.value(System.currentTimeMillis()));
        }
        return declared;
    }


    /** Reads the next pieces of a file body into DATA while the stream takes them; completes at its end. */
    private void sendFilePieces(Http2Exchange x) {
        while (x.fileRemaining > 0 && engine.isWritable(x.streamId)) {
            int n = (int) Math.min(FILE_PIECE, x.fileRemaining);
            ByteBuf piece = conn.alloc().directBuffer(n);
            try {
                int read = piece.writeBytes(x.file, x.filePosition, n);
                if (read <= 0) {
                    throw new IOException("the file ended " + x.fileRemaining + " bytes early");
                }
                x.filePosition += read;
                x.fileRemaining -= read;
            } catch (IOException failure) {
                piece.release();
                LOG.log(Level.WARNING, "cannot send the rest of the file to " + x, failure);
                engine.resetStream(x.streamId, Http2ErrorCode.INTERNAL_ERROR);
                complete(x);
                writeOutput();
                return;
            }
            x.bodyBytes += piece.readableBytes();
            engine.sendData(x.streamId, piece, x.fileRemaining == 0);
        }
        if (x.fileRemaining == 0) {
            complete(x);
        }
        if (!inRead) {
            writeOutput();
        }
    }

    void writeBody(Http2Exchange x, ByteBuf chunk) {
        if (closed || x.sink == null || x.sink.isClosed() || exchanges.get(x.streamId) != x) {
            chunk.release();
            return;
        }
        int n = chunk.readableBytes();
        if (n == 0) {
            chunk.release();
            return;
        }
        x.sink.sent(n);
        x.bodyBytes += n;
        engine.sendData(x.streamId, chunk, false);
        if (!engine.isWritable(x.streamId)) {
            x.sink.writabilityChanged(false);
        }
        if (!inRead) {
            writeOutput();
        }
    }

    void endBody(Http2Exchange x, Headers trailers) {
        if (closed || x.sink == null || x.sink.isClosed() || exchanges.get(x.streamId) != x) {
            return;
        }
        if (trailers != null && !trailers.isEmpty()) {
            engine.sendTrailers(x.streamId, trailers.copy());
        } else {
            engine.sendData(x.streamId, Unpooled.EMPTY_BUFFER, true);
        }
        complete(x);
        writeOutput();
    }

    /** The body cannot be finished: the stream is reset, so the client sees it incomplete (RFC 9113 §8.1). */
    void failBody(Http2Exchange x, Throwable cause) {
        if (closed || exchanges.get(x.streamId) != x) {
            return;
        }
        LOG.log(Level.DEBUG, () -> "response body to " + x + " failed: " + cause);
        engine.resetStream(x.streamId, Http2ErrorCode.INTERNAL_ERROR);
        config.metrics().streamsReset.increment();
        complete(x);
        writeOutput();
    }

    /** The handler took {@code bytes} of a streamed request body: the client may send that much more. */
    void contentTaken(Http2Exchange x, long bytes) {
        if (closed || bytes == 0) {
            return;
        }
        engine.consumed(x.streamId, (int) bytes);
        if (!inRead) {
            writeOutput();
        }
    }

    /**
     * A handler's interim response ({@link HttpRequest#sendInterim}): a HEADERS frame with the 1xx
     * status before the final one (RFC 9113 §8.1), if the final one has not begun.
     */
    private void sendInterim(HttpRequest request, Status status, Headers fields) {
        if (!conn.inConnectionThread()) {
            conn.execute(() -> sendInterim(request, status, fields));
            return;
        }
        if (closed) {
            return;
        }
        for (Http2Exchange x : exchanges.values()) {
            if (x.request == request) {
                if (!x.responseStarted) {
                    engine.sendHeaders(x.streamId, status.code(), fields, false);
                    writeOutput();
                }
                return;
            }
        }
    }

    /** The response is all queued: the exchange is done. */
    private void complete(Http2Exchange x) {
        exchanges.remove(x.streamId);
        config.metrics().response(x.status);
        config.metrics().latency.record(System.nanoTime() - x.startNanos);
        log(x, x.status, x.bodyBytes);
        if (x.sink != null) {
            x.sink.close();
        }
        closeFile(x);
        if (x.request != null) {
            x.request.release();
            x.request = null;
        }
        if (!x.requestEnded && x.content != null) {
            // The client may still send content nobody will read: it is dropped as it comes.
            x.content.discard();
        }
    }

    /** Lets go of an exchange that will not complete: the stream was reset or the connection closed. */
    private void drop(Http2Exchange x, Throwable cause) {
        if (x.aggregate != null) {
            x.aggregate.release();
            x.aggregate = null;
        }
        if (x.content != null) {
            x.content.fail(cause);
        }
        if (x.sink != null) {
            x.sink.close();
        }
        closeFile(x);
        if (x.request != null) {
            x.request.release();
            x.request = null;
        }
    }

    private void log(Http2Exchange x, int status, long bodyBytes) {
        if (accessLog == null) {
            return;
        }
        if (x.request != null) {
            accessLog.log(x.request, status, bodyBytes);
        } else {
            accessLog.logRefused(conn.remoteAddress(), x.method.name() + " " + x.rawTarget + " HTTP/2", null, status, bodyBytes);
        }
    }

    private static void closeFile(Http2Exchange x) {
        if (x.file != null) {
            try {
                x.file.close();
            } catch (IOException ignored) {
                // Closing a file opened for reading loses nothing.
            }
            x.file = null;
        }
    }
}
