package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.ConnectionInfo;
import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.RequestTarget;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Status;
import io.zyphos.http.internal.ChannelBodySink;
import io.zyphos.http.internal.RequestContentQueue;
import io.zyphos.http.internal.ResponseLength;
import io.zyphos.http.log.AccessLog;
import io.zyphos.http1.Http1Event;
import io.zyphos.http1.Http1Fields;
import io.zyphos.http1.Http1RequestHead;
import io.zyphos.http1.Http1RequestParser;
import io.zyphos.http1.Http1ResponseWriter;
import io.zyphos.http1.Http1Version;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1 connection: the parser's events in, handlers called, responses written in order.
 *
 * <p>Requests wait in {@link #line} from their head until their response is complete; the first
 * is the one being answered. The parser runs ahead of the answers (pipelining, RFC 9112 §9.3.2)
 * while the line has room and the request being read allows it; otherwise the connection stops
 * reading and the bytes wait in the socket, so a client that sends faster than it is answered is
 * slowed down rather than buffered.
 *
 * <p>What is not HTTP/1's own (routing, filters, where a handler runs, errors from handlers) is the
 * {@link io.zyphos.http.internal.ExchangeDriver}'s; each {@link Exchange} is the channel it
 * answers through. What is left here is the wire: reading heads and bodies, the order of answers,
 * framing, persistence and how the connection ends.
 *
 * <h2>Phases</h2>
 * A connection goes through {@link Phase}s in order, never back: it reads requests, then (on
 * server shutdown) only the body of the one being read, then answers what it read, then lingers
 * with its output shut, then is closed. Besides the phase it keeps only what the peer did
 * ({@link #inputClosed}), whether it paused the socket ({@link #readPaused}), and two guards
 * against re-entering itself ({@link #inPump}, {@link #inRead}).
 *
 * <p>Everything here runs on the connection's thread. Handlers on other threads come back through
 * {@link Connection#execute}.
 */
public final class Http1ServerConnection implements ProtocolHandler {

    private static final System.Logger LOG = System.getLogger(Http1ServerConnection.class.getName());

    /** Response bodies up to this size are copied behind the head: one buffer, one write. */
    private static final int COPY_BODY_BELOW = 2048;
    /** Room for the heads of a pipelined read's answers before the buffer has to grow. */
    private static final int HEADS_CAPACITY = 4096;
    /** The most of a refused request's line the access log shows. */
    private static final int REFUSED_LINE_LOGGED = 1024;
    /** How long a closing connection reads and discards what the client still sends (RFC 9112 §9.6). */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Bytes of a streamed request body buffered ahead of the handler's demand before reading stops. */
    private static final long STREAM_WINDOW = 64 * 1024;

    /** Where the connection is in its life; it only moves forward. */
    private enum Phase {
        /** Reading and answering requests. */
        READING,
        /** The server is shutting down: the body being read is still read, but no new request. */
        DRAINING,
        /** Nothing more is read as requests: what was read is answered, then the connection ends. */
        ANSWERING,
        /** The last response is queued and the output shut; input is read and dropped for a while (RFC 9112 §9.6). */
        LINGERING,
        /** A 101 handed the connection to another protocol; this handler hears nothing more. */
        SWITCHED,
        /** The transport closed the connection. */
        CLOSED
    }

    private final Connection conn;
    private final Http1Config config;
    private final Http1Metrics metrics;
    private final Http1Metrics.Tally tally;
    private final ErrorHandler errors;
    private final AccessLog accessLog;
    private final Http1RequestParser parser;
    private final Http1ResponseWriter writer = new Http1ResponseWriter();
    private final RouteMatch match = new RouteMatch();
    private final RepeatCache repeats = new RepeatCache();
    private final long readTimeoutNanos;
    /** What every HTTP/1.1 request on this connection knows of it; and of HTTP/1.0 ones, made when one comes. */
    private final ConnectionInfo http11;
    private ConnectionInfo http10;

    /** Requests whose responses are not complete, in order of arrival; the first is answered next. */
    private final ArrayDeque<Exchange> line = new ArrayDeque<>();
    /** Completed exchanges kept to be started again, so a request in steady state allocates none. */
    private final ArrayDeque<Exchange> spare = new ArrayDeque<>();
    /**
     * Response heads (and small bodies copied behind them) not yet handed to the connection: the
     * answers to a whole pipelined read go out as one buffer, in one write. Handed over before
     * anything else is written and at every flush; {@code null} when empty.
     */
    private ByteBuf heads;
    /** What {@link #scanFields} found in the response being written. */
    private long declaredLength;
    private boolean asksClose;
    private boolean hasDate;
    /** The request whose head was read and whose end was not yet, or {@code null}. */
    private Exchange reading;
    private Phase phase = Phase.READING;
    /** The peer sent FIN. */
    private boolean inputClosed;
    /** This connection paused the socket because the parser may not go on ({@link #updateReadPause}). */
    private boolean readPaused;
    /** {@link #pump} is running: a call from inside it (a handler answering at once) returns at once. */
    private boolean inPump;
    /** {@link #onRead} is running: its flush at the end sends what the calls inside it queued. */
    private boolean inRead;
    private long headDeadline = Long.MAX_VALUE;
    private long lingerDeadline = Long.MAX_VALUE;

    public Http1ServerConnection(Connection conn, Http1Config config) {
        this.conn = conn;
        this.config = config;
        this.metrics = config.metrics();
        this.tally = metrics.new Tally();
        this.errors = config.service().errorHandler();
        this.accessLog = config.service().accessLog();
        this.parser = new Http1RequestParser(config.parserSettings());
        this.readTimeoutNanos = conn.limits().readTimeout().toNanos();
        // The handler is made once the TLS handshake, if any, is complete: the scheme is known.
        String scheme = conn.tls().isPresent() ? "https" : "http";
        this.http11 = new ConnectionInfo(conn.remoteAddress(), conn.localAddress(), scheme, Http1Version.HTTP_1_1.httpVersion(),
                this::sendInterim);
    }

    Connection connection() {
        return conn;
    }

    /** Whether request bytes are still parsed: reading, or draining the body being read. */
    private boolean parsing() {
        return phase == Phase.READING || phase == Phase.DRAINING;
    }

    // ---- transport callbacks ----

    @Override
    public void onRead(ByteBuf in, long nowNanos) {
        if (!parsing()) {
            // Closing: what the client still sends is read and dropped, so that closing the
            // socket does not reset it before the client has read our last response (§9.6).
            in.skipBytes(in.readableBytes());
            return;
        }
        parser.receive(in.readRetainedSlice(in.readableBytes()));
        pumpThenFlush(nowNanos);
    }

    /** Takes what the parser has, answering what it can, and sends it all with one flush. */
    private void pumpThenFlush(long nowNanos) {
        inRead = true;
        try {
            pump(nowNanos);
        } finally {
            inRead = false;
        }
        flush();
    }

    @Override
    public boolean onInputClosed(long nowNanos) {
        inputClosed = true;
        if (parsing()) {
            parser.endOfInput();
            pumpThenFlush(nowNanos);
        }
        // Requests already read are still answered on the half-closed connection.
        return phase == Phase.CLOSED || line.isEmpty();
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        for (Exchange e : line) {
            if (e.sink != null) {
                e.sink.writabilityChanged(writable);
            }
        }
    }

    @Override
    public long nextDeadlineNanos() {
        return Math.min(headDeadline, lingerDeadline);
    }

    @Override
    public void onTimeout(long nowNanos) {
        if (nowNanos >= lingerDeadline) {
            lingerDeadline = Long.MAX_VALUE;
            conn.close();
            return;
        }
        if (nowNanos >= headDeadline) {
            headDeadline = Long.MAX_VALUE;
            metrics.requestTimeouts.increment();
            // RFC 9110 §15.5.9: the head did not arrive in time; say so and close.
            stopParsing();
            if (line.isEmpty()) {
                line.add(Exchange.failed(this, errors.respond(null, Status.REQUEST_TIMEOUT, ErrorResponses.REQUEST_TIMEOUT),
                        parser.requestLineSoFar(REFUSED_LINE_LOGGED), nowNanos));
                serveHead();
            } else {
                finishIfDone();
            }
            flush();
        }
    }

    @Override
    public boolean onShutdown(long nowNanos) {
        if (phase == Phase.READING) {
            phase = Phase.DRAINING;
        }
        if (line.isEmpty() && reading == null) {
            return true;
        }
        // Answer what was read, the last one with Connection: close, and read nothing new. The
        // request being read is in the line already: its head made it an exchange.
        line.peekLast().closeAfter = true;
        return false;
    }

    @Override
    public void onClosed() {
        phase = Phase.CLOSED;
        parser.close();
        dropUnanswered();
        tally.publish();
        if (heads != null) {
            heads.release();
            heads = null;
        }
    }

    /** Lets go of every request not yet answered, and of what each holds: the connection is ending. */
    private void dropUnanswered() {
        ClosedChannelException cause = new ClosedChannelException();
        if (reading != null && !line.contains(reading)) {
            reading.release(cause);
        }
        reading = null;
        for (Exchange e; (e = line.poll()) != null; ) {
            e.release(cause);
        }
    }

    // ---- reading requests ----

    /** Takes events from the parser while the line and the request being read allow it. */
    private void pump(long nowNanos) {
        if (inPump) {
            return;
        }
        inPump = true;
        try {
            while (parsing() && mayParse()) {
                Http1Event event = parser.nextEvent();
                switch (event) {
                    case Http1RequestHead head -> onHead(head, nowNanos);
                    case Http1Event.Body body -> onBody(body.content());
                    case Http1Event.EndOfMessage(Http1Fields trailers) -> onEnd(trailers);
                    case Http1Event.NeedData needData -> {
                        if (reading == null && parser.bufferedBytes() > 0 && headDeadline == Long.MAX_VALUE) {
                            headDeadline = nowNanos + readTimeoutNanos;
                        }
                        updateReadPause();
                        return;
                    }
                    case Http1Event.InputClosed inputEnded -> {
                        stopParsing();
                        finishIfDone();
                    }
                    case Http1Event.ProtocolError error -> onProtocolError(error, nowNanos);
                }
            }
            updateReadPause();
        } finally {
            inPump = false;
        }
    }

    /** Whether the next event may be taken now. */
    private boolean mayParse() {
        Exchange e = reading;
        if (e == null) {
            // After a request that asked to upgrade, the next bytes may be another protocol's:
            // nothing more is parsed until its answer says whether it switched (RFC 9110 §7.8).
            return phase == Phase.READING && line.size() < config.maxPipelinedRequests()
                    && (line.isEmpty() || !line.peekLast().upgradeAsked);
        }
        return switch (e.bodyMode) {
            case NONE -> true;
            // A client that expects 100 Continue sends the body only after it (RFC 9110 §10.1.1).
            case AGGREGATE -> !e.expectsContinue || e.continueSent;
            case STREAM -> e.dispatched && e.stream.wantsMore();
        };
    }

    /** Stops reading the socket while the parser may not go on, and starts again when it may. */
    private void updateReadPause() {
        boolean pause = parsing() && !mayParse();
        if (pause != readPaused) {
            readPaused = pause;
            if (pause) {
                conn.pauseReading();
            } else {
                conn.resumeReading();
            }
        }
    }

    private void onHead(Http1RequestHead head, long nowNanos) {
        headDeadline = Long.MAX_VALUE;
        tally.request(!line.isEmpty());
        ByteBuf buf = head.buffer();
        Method method = Method.lookup(buf, head.methodOffset(), head.methodLength());
        if (method == null) {
            method = Method.of(head.method());
        }
        Exchange e = spare.isEmpty() ? new Exchange(this) : spare.pop();
        e.start(method, repeats.read(head, e.headers), head.version(), head.persistent(), head.expectsContinue(), nowNanos);
        e.upgradeAsked = head.asksToUpgrade();
        line.addLast(e);
        reading = e;
        if (!e.expectsContinue && e.version == Http1Version.HTTP_1_1 && e.headers.contains(HeaderName.EXPECT)) {
            // RFC 9110 §10.1.1: an expectation we cannot meet. The body, if any, is never read.
            e.answerWith(errors.respond(null, Status.EXPECTATION_FAILED, ErrorResponses.EXPECTATION_FAILED));
            e.bodyComplete = true;
            reading = null;
            stopParsing();
        } else {
            switch (head.framing()) {
                case NONE -> e.bodyMode = Exchange.BodyMode.NONE;
                case CONTENT_LENGTH -> e.bodyMode = head.contentLength() <= config.maxAggregatedBodyBytes()
                        ? Exchange.BodyMode.AGGREGATE : Exchange.BodyMode.STREAM;
                // A chunked body may turn out short: collected until it outgrows the limit.
                case CHUNKED -> e.bodyMode = Exchange.BodyMode.AGGREGATE;
            }
            if (e.bodyMode == Exchange.BodyMode.STREAM) {
                e.stream = new RequestContentQueue(conn, e, STREAM_WINDOW);
            }
        }
        if (e == line.peekFirst()) {
            serveHead();
        }
    }

    private void onBody(ByteBuf content) {
        Exchange e = reading;
        switch (e.bodyMode) {
            case AGGREGATE -> {
                e.aggregate = append(e.aggregate, content);
                if (e.aggregate.readableBytes() > config.maxAggregatedBodyBytes()) {
                    e.bodyMode = Exchange.BodyMode.STREAM;
                    e.stream = new RequestContentQueue(conn, e, STREAM_WINDOW);
                    e.stream.offer(e.aggregate);
                    e.aggregate = null;
                    if (e == line.peekFirst()) {
                        serveHead();
                    }
                }
            }
            case STREAM -> e.stream.offer(content);
            case NONE -> content.release();
        }
    }

    /** The body so far and {@code more}, in one buffer. Takes ownership of both. */
    private ByteBuf append(ByteBuf body, ByteBuf more) {
        if (body == null) {
            // Often the whole body: kept as the slice it came in, uncopied.
            return more;
        }
        if (body.refCnt() > 1 || body.maxWritableBytes() < more.readableBytes() || body.isReadOnly()
                || body.unwrap() != null) {
            ByteBuf grown = conn.alloc().directBuffer(Math.max(body.readableBytes() * 2, body.readableBytes() + more.readableBytes()));
            grown.writeBytes(body);
            body.release();
            body = grown;
        }
        body.writeBytes(more);
        more.release();
        return body;
    }

    private void onEnd(Http1Fields trailerFields) {
        Exchange e = reading;
        reading = null;
        e.bodyComplete = true;
        if (e.bodyMode == Exchange.BodyMode.STREAM) {
            e.stream.end(trailerFields.isEmpty() ? null : copy(trailerFields));
        }
        if (e == line.peekFirst()) {
            serveHead();
        }
    }

    private void onProtocolError(Http1Event.ProtocolError error, long nowNanos) {
        metrics.protocolErrors.increment();
        stopParsing();
        LOG.log(Level.DEBUG, () -> conn.remoteAddress() + ": " + error.violation() + ": " + error.detail());
        HttpResponse answer = errors.respond(null, Status.of(error.status()), error.violation().problem());
        Exchange e = reading;
        reading = null;
        if (e != null && e.dispatched) {
            // The handler is reading this body: it learns the body failed, and the connection
            // closes after its response. No second response is guessed.
            answer.release();
            e.closeAfter = true;
            // What a body helper throws out of the handler: the status the error deserves.
            e.stream.fail(new HttpException(Status.of(error.status()), error.violation().problem()));
            return;
        }
        if (e != null) {
            if (e.aggregate != null) {
                e.aggregate.release();
                e.aggregate = null;
            }
            if (e.stream != null) {
                e.stream.fail(new HttpException(Status.of(error.status()), error.violation().problem()));
            }
            e.bodyMode = Exchange.BodyMode.NONE;
            e.bodyComplete = true;
            e.answerWith(answer);
        } else {
            e = Exchange.failed(this, answer, parser.requestLineSoFar(REFUSED_LINE_LOGGED), nowNanos);
            line.addLast(e);
        }
        if (e == line.peekFirst()) {
            serveHead();
        }
    }

    private void stopParsing() {
        if (parsing()) {
            phase = Phase.ANSWERING;
            headDeadline = Long.MAX_VALUE;
            if (readPaused) {
                readPaused = false;
                conn.resumeReading();
            }
        }
    }

    // ---- answering ----

    /** Moves the first request in line on: sends its 100 Continue, or starts its handler. */
    private void serveHead() {
        Exchange e = line.peekFirst();
        if (e == null) {
            finishIfDone();
            return;
        }
        if (e.dispatched) {
            return;
        }
        if (e.fixedResponse != null) {
            e.dispatched = true;
            HttpResponse r = e.fixedResponse;
            e.fixedResponse = null;
            respond(e, r, null);
        } else if (e.bodyComplete || e.bodyMode == Exchange.BodyMode.STREAM) {
            dispatch(e);
        } else if (e.expectsContinue && !e.continueSent) {
            sendContinue(e);
            pump(System.nanoTime());
        }
    }

    /**
     * A handler's interim response ({@link HttpRequest#sendInterim}), written now if its request is
     * being answered and the final response has not begun. A handler runs only for the first
     * request in line, so an interim response never overtakes an earlier request's answer.
     */
    private void sendInterim(HttpRequest request, Status status, Headers fields) {
        if (!conn.inConnectionThread()) {
            conn.execute(() -> sendInterim(request, status, fields));
            return;
        }
        Exchange e = line.peekFirst();
        // RFC 9110 §15.2: never to an HTTP/1.0 client, which would take it for the final answer.
        if (phase == Phase.CLOSED || e == null || e.request != request || e.sink != null || !writer.idle()
                || e.version != Http1Version.HTTP_1_1) {
            return;
        }
        if (status.code() == Status.CONTINUE.code()) {
            if (e.continueSent) {
                return;
            }
            e.continueSent = true;
        }
        try {
            writer.interim(heads(), status, fields);
        } catch (IllegalArgumentException bad) {
            LOG.log(Level.WARNING, "cannot send the interim response to " + e.method + " " + e.rawTarget, bad);
            return;
        }
        flushUnlessReading();
    }

    /** A 100 (Continue) interim response: the client may send the body (RFC 9110 §15.2.1). */
    private void sendContinue(Exchange e) {
        e.continueSent = true;
        writer.interim(heads(), 100);
        flushUnlessReading();
    }

    /** Starts the handler of a request whose head (and body, unless it streams) was read. */
    private void dispatch(Exchange e) {
        e.dispatched = true;
        RequestTarget target = repeats.parsedTarget(e.rawTarget);
        try {
            if (target == null) {
                target = RequestTarget.parse(e.rawTarget);
                repeats.parsedTarget(e.rawTarget, target);
            }
        } catch (HttpException bad) {
            // The target is malformed but the framing was fine: answer and carry on.
            respond(e, errors.respond(null, bad), null);
            return;
        }
        HttpRequest.Builder builder = HttpRequest.builder(e.method, target).headers(e.headers)
                .connection(connectionInfo(e.version));
        switch (e.bodyMode) {
            case NONE -> { }
            case AGGREGATE -> {
                if (e.aggregate != null) {
                    builder.body(e.aggregate);
                    e.aggregate = null;
                }
            }
            case STREAM -> builder.body(e.stream);
        }
        if (e.upgradeAsked && e.bodyComplete && config.upgrade() != null
                && e.headers.containsToken(HeaderName.UPGRADE, config.upgrade().token())) {
            HttpRequest request = builder.build();
            Protocol next = config.upgrade().accept(request);
            if (next != null) {
                // The request is the next protocol's now: the exchange only answers 101.
                respond(e, HttpResponse.switchingProtocols(config.upgrade().token(), next), null);
                return;
            }
        }
        config.driver().dispatch(e, builder, e.method, target.path(), match, e.bodyMode == Exchange.BodyMode.STREAM);
    }

    private ConnectionInfo connectionInfo(Http1Version version) {
        if (version == Http1Version.HTTP_1_1) {
            return http11;
        }
        if (http10 == null) {
            http10 = http11.withVersion(version.httpVersion());
        }
        return http10;
    }

    /**
     * Sends {@code response} on exchange {@code e}: its head and, unless it streams, its body, then
     * completes the exchange. A response that cannot be sent as it is (a 1xx, a file that will not
     * open, a field that cannot be written) is replaced by a 500 before any of it leaves. Takes
     * ownership of the response.
     *
     * @param given a sink made on a handler's thread for a streamed body, or {@code null}
     * @return the sink the streamed body goes to, or {@code null} if none is sent
     */
    ChannelBodySink respond(Exchange e, HttpResponse response, ChannelBodySink given) {
        if (phase == Phase.CLOSED) {
            response.release();
            if (given != null) {
                given.close();
            }
            return null;
        }
        HttpResponse r = response;
        if (r.body() instanceof ResponseBody.ProtocolSwitch(Protocol next)) {
            if (switchable(e, r)) {
                switchProtocol(e, r, next, given);
                return null;
            }
            r.release();
            r = internalError(e);
        } else if (r.status().code() < 200) {
            // Interim responses are the connection's to send; a handler cannot end with one.
            r.release();
            LOG.log(Level.WARNING, "handler answered " + e.method + " " + e.rawTarget + " with " + response.status());
            r = internalError(e);
        }
        if (!writeHead(e, r)) {
            r = internalError(e);
            if (!writeHead(e, r)) {
                // The error hook's own answer cannot be sent either: nothing is left to say.
                if (given != null) {
                    given.close();
                }
                stopParsing();
                conn.abort();
                return null;
            }
        }
        tally.response(r.status().code());
        if (withBody(e, r.status()) && r.body() instanceof ResponseBody.Streamed) {
            e.sink = given != null ? given : e.newSink();
            e.sink.status(r.status().code());
            flushUnlessReading();
            // Completes when the writer ends the body.
            return e.sink;
        }
        if (given != null) {
            given.close();
        }
        long bodyBytes = withBody(e, r.status()) ? ResponseLength.of(r.body(), declaredLength) : 0;
        r.release();
        log(e, r.status().code(), bodyBytes);
        complete(e);
        return null;
    }

    /**
     * Whether {@code e} may be answered with this 101: an HTTP/1.1 request that asked to upgrade
     * (RFC 9110 §7.8: {@code Upgrade} with the {@code upgrade} connection option; an HTTP/1.0
     * request's is ignored) to the protocol the response names, and whose body was read to its
     * end, so that the bytes after it are the next protocol's.
     */
    private boolean switchable(Exchange e, HttpResponse r) {
        String to = r.headers().get(HeaderName.UPGRADE);
        String refusal = !e.upgradeAsked ? "the request did not ask to upgrade"
                : to == null || !e.headers.containsToken(HeaderName.UPGRADE, to) ? "the request did not offer " + to
                : !e.bodyComplete ? "the request body has not been read to its end"
                : line.size() > 1 ? "requests are queued behind it" // cannot happen: mayParse stops after it
                : null;
        if (refusal != null) {
            LOG.log(Level.WARNING, "handler answered " + e.method + " " + e.rawTarget + " with 101 to " + to + ", but " + refusal);
        }
        return refusal == null;
    }

    /**
     * Sends the 101 head, completes the exchange, and hands the connection to {@code next} with
     * the bytes the client sent after the request. This handler is done with the connection.
     */
    private void switchProtocol(Exchange e, HttpResponse r, Protocol next, ChannelBodySink given) {
        if (given != null) {
            given.close();
        }
        // RFC 9110 §7.8: a client that also expects 100-continue gets the 100 before the 101.
        if (e.expectsContinue && !e.continueSent) {
            sendContinue(e);
        }
        ByteBuf out = heads();
        writer.statusLine(out, r.status());
        Headers headers = r.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            writer.field(out, headers.name(i), headers.value(i));
        }
        writer.endHeadWithoutBody(out);
        r.release();
        tally.response(Status.SWITCHING_PROTOCOLS.code());
        log(e, Status.SWITCHING_PROTOCOLS.code(), 0);
        metrics.latency.record(System.nanoTime() - e.startNanos);
        line.pollFirst();
        e.release(null);
        ByteBuf leftover = parser.takeUnparsed();
        phase = Phase.SWITCHED;
        headDeadline = Long.MAX_VALUE;
        if (readPaused) {
            readPaused = false;
            conn.resumeReading();
        }
        tally.publish();
        handOverHeads();
        conn.switchProtocol(next, leftover);
    }

    private HttpResponse internalError(Exchange e) {
        return errors.respond(e.request, Status.INTERNAL_SERVER_ERROR, ErrorHandler.UNEXPECTED);
    }

    /** Whether a response with {@code status} to this request carries a body (RFC 9110 §6.4.1). */
    private static boolean withBody(Exchange e, Status status) {
        return e.method != Method.HEAD && !status.forbidsContent();
    }

    /**
     * Queues the head of {@code response}, and its body unless it streams: bytes and small bodies
     * copied into {@link #heads}, a large body and a file region queued behind them. Decides
     * whether the connection stays open after it ({@link Exchange#closeAfter}).
     *
     * @return {@code false}, with nothing queued and the response released, if it cannot be sent
     */
    private boolean writeHead(Exchange e, HttpResponse response) {
        ResponseBody body = response.body();
        Status status = response.status();
        boolean headRequest = e.method == Method.HEAD;
        boolean withBody = withBody(e, status);
        try {
            scanFields(response.headers());
        } catch (IllegalArgumentException bad) {
            LOG.log(Level.WARNING, "cannot send the response to " + e.method + " " + e.rawTarget, bad);
            response.release();
            return false;
        }
        long declared = declaredLength;
        boolean untilClose = withBody && body instanceof ResponseBody.Streamed && declared < 0
                && e.version == Http1Version.HTTP_1_0;
        boolean bodyUnread = !e.bodyComplete;
        if (bodyUnread && withBody && body instanceof ResponseBody.Streamed && e.bodyMode == Exchange.BodyMode.STREAM
                && !e.stream.discarded()) {
            // A streamed answer to a streamed request: the writer reads the body as it goes (an
            // echo, a transform). The client may send it now (RFC 9110 §10.1.1), and whether the
            // connection stays open is decided when the response ends.
            if (e.expectsContinue && !e.continueSent) {
                sendContinue(e);
            }
            bodyUnread = false;
        }
        // On server shutdown the last request read is marked closeAfter (onShutdown).
        boolean keepAlive = e.persistent && !e.closeAfter && !bodyUnread && !untilClose && !asksClose;

        FileChannel file = null;
        if (withBody && body instanceof ResponseBody.FileRegion region) {
            try {
                file = FileChannel.open(region.file(), StandardOpenOption.READ);
                if (file.size() < region.offset() + region.length()) {
                    throw new IOException(region.file() + " is shorter than the region to send");
                }
            } catch (IOException | RuntimeException failure) {
                closeQuietly(file);
                LOG.log(Level.WARNING, "cannot send " + region.file(), failure);
                response.release();
                return false;
            }
        }

        ByteBuf out = heads();
        int mark = out.writerIndex();
        ByteBuf separate = null;
        try {
            writer.statusLine(out, status);
            Headers headers = response.headers();
            for (int i = 0, n = headers.size(); i < n; i++) {
                HeaderName name = headers.name(i);
                if (name != HeaderName.CONTENT_LENGTH && name != HeaderName.TRANSFER_ENCODING && name != HeaderName.CONNECTION) {
                    writer.field(out, name, headers.value(i));
                }
            }
            if (!hasDate) {
                writer.date(out, System.currentTimeMillis());
            }
            if (!keepAlive) {
                writer.field(out, HeaderName.CONNECTION, "close");
            } else if (e.version == Http1Version.HTTP_1_0) {
                writer.field(out, HeaderName.CONNECTION, "keep-alive");
            }
            if (!withBody) {
                long length = headRequest && !status.forbidsContent() ? ResponseLength.of(body, declared) : -1;
                if (length >= 0) {
                    writer.endHeadWithoutBody(out, length);
                } else {
                    writer.endHeadWithoutBody(out);
                }
            } else {
                separate = writeBody(e, out, response, declared, untilClose);
            }
        } catch (IllegalArgumentException | IllegalStateException bad) {
            // A field the handler set cannot be sent (a bad Content-Length, say): nothing of
            // this response has left, so the caller replaces it.
            out.writerIndex(mark);
            if (separate != null) {
                separate.release();
            }
            closeQuietly(file);
            writer.reset();
            response.release();
            LOG.log(Level.WARNING, "cannot send the response to " + e.method + " " + e.rawTarget, bad);
            return false;
        }
        e.closeAfter = !keepAlive;
        if (separate != null) {
            handOverHeads();
            conn.write(separate);
        }
        if (file != null) {
            ResponseBody.FileRegion region = (ResponseBody.FileRegion) body;
            if (region.length() > 0) {
                handOverHeads();
                conn.writeFile(file, region.offset(), region.length());
            } else {
                closeQuietly(file);
            }
        }
        return true;
    }

    /**
     * Ends the head of a response that has a body, with the body's framing, and copies a small
     * body behind it.
     *
     * @return a large body, to be queued after the head as it is; or {@code null}
     */
    private ByteBuf writeBody(Exchange e, ByteBuf out, HttpResponse response, long declared, boolean untilClose) {
        switch (response.body()) {
            case ResponseBody.Empty empty -> writer.endHead(out, 0);
            case ResponseBody.Bytes(ByteBuf content) -> {
                int n = content.readableBytes();
                // With a Content-Length of 0 the head ends the response: no body, no end.
                writer.endHead(out, n);
                if (n > 0) {
                    ByteBuf separate = null;
                    if (n < COPY_BODY_BELOW) {
                        writer.body(out, content);
                    } else {
                        writer.bodyElsewhere(out, n);
                        separate = response.retainedContent();
                    }
                    writer.end(out);
                    return separate;
                }
            }
            case ResponseBody.FileRegion region -> {
                writer.endHead(out, region.length());
                if (region.length() > 0) {
                    writer.bodyElsewhere(out, region.length());
                    writer.end(out);
                }
            }
            case ResponseBody.ProtocolSwitch change -> throw new IllegalStateException("a 101 has no body");
            case ResponseBody.Streamed streamed -> {
                if (declared >= 0) {
                    writer.endHead(out, declared);
                } else if (untilClose) {
                    writer.endHeadUntilClose(out);
                } else {
                    writer.endHeadChunked(out, e.version);
                    e.chunked = true;
                }
            }
        }
        return null;
    }

    /** Writes the access log's line for an exchange whose response is complete, if there is a log. */
    private void log(Exchange e, int status, long bodyBytes) {
        if (accessLog == null) {
            return;
        }
        if (e.request != null) {
            accessLog.log(e.request, status, bodyBytes);
        } else if (e.refusedLine != null) {
            accessLog.logRefused(conn.remoteAddress(), e.refusedLine, null, status, bodyBytes);
        } else {
            // Read, but answered before it became a request (417, a malformed target).
            accessLog.logRefused(conn.remoteAddress(), e.method.name() + " " + e.rawTarget + " " + e.version.text(),
                    e.headers, status, bodyBytes);
        }
    }

    /**
     * Finds, in one pass over a response's own fields, what {@link #respond} must know before it
     * writes them: the Content-Length the handler set ({@link #declaredLength}, -1 if none), whether
     * it asked to close ({@link #asksClose}), and whether it set a Date ({@link #hasDate}).
     *
     * @throws IllegalArgumentException if the Content-Length is not a length
     */
    private void scanFields(Headers headers) {
        declaredLength = -1;
        asksClose = false;
        hasDate = false;
        boolean connection = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            HeaderName name = headers.name(i);
            if (name == HeaderName.CONTENT_LENGTH) {
                if (declaredLength < 0) {
                    declaredLength = contentLength(headers.value(i));
                }
            } else if (name == HeaderName.CONNECTION) {
                connection = true;
            } else if (name == HeaderName.DATE) {
                hasDate = true;
            }
        }
        asksClose = connection && headers.containsToken(HeaderName.CONNECTION, "close");
    }

    /** A Content-Length value a handler set, as a length. */
    private static long contentLength(String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new IllegalArgumentException("negative content-length " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("content-length is not a number: " + value, e);
        }
    }


    /** The response is all queued: the next request in line may be answered. */
    private void complete(Exchange e) {
        Exchange first = line.pollFirst();
        assert first == e;
        metrics.latency.record(System.nanoTime() - e.startNanos);
        if (e.request != null) {
            e.request.release();
            e.request = null;
        }
        if (e.sink != null) {
            e.sink.close();
        }
        if (e.closeAfter || !e.bodyComplete) {
            // Unread request bytes stand between this response and the next request.
            closeAfterResponse();
            return;
        }
        if (e.reusable() && spare.size() < config.maxPipelinedRequests()) {
            spare.push(e);
        }
        serveHead();
        pump(System.nanoTime());
        flushUnlessReading();
    }

    /** Closes once the line is answered and nothing more will be read. */
    private void finishIfDone() {
        if (!line.isEmpty() || reading != null || phase.compareTo(Phase.LINGERING) >= 0) {
            return;
        }
        if (phase != Phase.READING) {
            closeAfterResponse();
        }
    }

    /**
     * Ends the connection after the response just queued: requests read after it are dropped
     * unanswered (the client may retry them, RFC 9112 §9.3.1), the FIN follows the queued bytes,
     * and input is drained for a moment so the close does not reset the response (RFC 9112 §9.6).
     */
    private void closeAfterResponse() {
        stopParsing();
        dropUnanswered();
        handOverHeads();
        if (inputClosed) {
            conn.close();
            return;
        }
        phase = Phase.LINGERING;
        lingerDeadline = System.nanoTime() + LINGER_NANOS;
        conn.shutdownOutput();
    }

    // ---- streamed bodies, called on the connection's thread ----

    /** A streamed request body was demanded for the first time: the client may send it now. */
    void bodyWanted(Exchange e) {
        if (e.expectsContinue && !e.continueSent && phase != Phase.CLOSED && writer.idle() && e == line.peekFirst()) {
            sendContinue(e);
        }
    }

    /** The handler took some of a streamed request body: perhaps reading may go on. */
    void bodyDrained(Exchange e) {
        if (parsing() && e == reading) {
            pump(System.nanoTime());
            flushUnlessReading();
        }
    }

    void writeBodyChunk(Exchange e, ByteBuf chunk) {
        if (phase == Phase.CLOSED || e.sink == null || e.sink.isClosed() || line.peekFirst() != e) {
            chunk.release();
            return;
        }
        int n = chunk.readableBytes();
        if (n == 0) {
            chunk.release();
            return;
        }
        ByteBuf out = heads();
        int mark = out.writerIndex();
        try {
            if (n < COPY_BODY_BELOW) {
                // Copied behind whatever waits to be written: the chunk's frame and bytes in one go.
                writer.body(out, chunk);
                chunk.release();
                if (out.readableBytes() >= HEADS_CAPACITY) {
                    // A writer of many small chunks: the connection counts them against its
                    // watermarks only once they are handed over.
                    handOverHeads();
                }
            } else {
                writer.bodyElsewhere(out, n);
                handOverHeads();
                conn.write(chunk);
            }
            e.sink.sent(n);
        } catch (IllegalStateException longerThanDeclared) {
            out.writerIndex(mark);
            chunk.release();
            failBody(e, longerThanDeclared);
        }
    }

    void endBody(Exchange e, Headers trailers) {
        if (phase == Phase.CLOSED || e.sink == null || e.sink.isClosed() || line.peekFirst() != e) {
            return;
        }
        ByteBuf out = heads();
        int mark = out.writerIndex();
        try {
            if (trailers != null && !trailers.isEmpty() && e.chunked) {
                writer.lastChunk(out);
                for (int i = 0; i < trailers.size(); i++) {
                    writer.trailer(out, trailers.name(i).name(), trailers.value(i));
                }
            }
            writer.end(out);
        } catch (IllegalStateException | IllegalArgumentException short_) {
            out.writerIndex(mark);
            failBody(e, short_);
            return;
        }
        log(e, e.sink.status(), e.sink.bytesSent());
        complete(e);
        flush();
    }

    /**
     * The body cannot be finished. The head is out, so the only honest signal left is to close
     * without completing the framing: the client sees a truncated response, never a short one
     * that looks whole.
     */
    void failBody(Exchange e, Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        LOG.log(Level.DEBUG, () -> "response body to " + e.method + " " + e.rawTarget + " failed: " + cause);
        if (e.sink != null && !e.sink.isClosed()) {
            // Logged as sent: the status, and the bytes that went before the body broke off.
            log(e, e.sink.status(), e.sink.bytesSent());
            e.sink.close();
        }
        stopParsing();
        conn.close();
    }

    /** Hands the heads over and has the connection send what it holds. */
    void flush() {
        tally.publish();
        handOverHeads();
        conn.flush();
    }

    /** The buffer the next response head is written into. */
    private ByteBuf heads() {
        if (heads == null) {
            heads = conn.alloc().directBuffer(HEADS_CAPACITY);
        }
        return heads;
    }

    /** Queues the heads written so far on the connection, before anything written after them. */
    private void handOverHeads() {
        ByteBuf h = heads;
        if (h != null) {
            heads = null;
            if (h.isReadable()) {
                conn.write(h);
            } else {
                h.release();
            }
        }
    }

    private void flushUnlessReading() {
        if (!inRead) {
            flush();
        }
    }

    // ---- helpers ----

    /** The fields as {@link Headers}: names interned where well known, values copied. */
    private static Headers copy(Http1Fields fields) {
        Headers headers = new Headers();
        ByteBuf buf = fields.buffer();
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderName name = HeaderName.lookup(buf, fields.nameOffset(i), fields.nameLength(i));
            if (name == null) {
                name = HeaderName.of(fields.name(i));
            }
            headers.add(name, fields.value(i));
        }
        return headers;
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // Closing a file opened for reading loses nothing.
            }
        }
    }
}
