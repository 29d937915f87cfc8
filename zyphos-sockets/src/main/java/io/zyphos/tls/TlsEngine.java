package io.zyphos.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * The server side of one TLS connection, sans-I/O: ciphertext from the peer in, plaintext out;
 * plaintext from the protocol in, ciphertext to send out. It opens no socket, starts no thread and
 * reads no clock; a transport feeds it what it reads and writes what it produces. Inside is a
 * {@link SSLEngine} of the {@linkplain TlsConfig#provider() configured provider}.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Inputs: {@link #feed(ByteBuf)} (bytes read from the peer), {@link #onTimeout(long)}.</li>
 *   <li>Commands: {@link #wrap(ByteBuf)} (plaintext to send), {@link TlsFileRegion#encrypt} (a
 *       file to send), {@link #closeOutbound()} (send close_notify), {@link #close()} (release
 *       what the engine holds; always call it).</li>
 *   <li>Output: {@link #pollOutbound()}: ciphertext to write to the peer, in order.</li>
 *   <li>Queries: {@link #state()}, {@link #isHandshakeComplete()}, {@link #session()},
 *       {@link #applicationProtocol()}, {@link #sniHostName()}, {@link #isInputClosed()},
 *       {@link #nextDeadlineNanos()}.</li>
 * </ul>
 *
 * <h2>Polling order</h2>
 * After every input or command, write everything {@link #pollOutbound()} returns (handshake
 * messages, alerts and session tickets come out of {@link #feed} too, not only out of
 * {@link #wrap}). When {@link #isHandshakeComplete()} first turns true, the session is known:
 * choose the protocol by {@link #applicationProtocol()}. When {@link #isInputClosed()} turns true
 * the peer sent close_notify, and the bytes before it were the last. A {@link TlsException} is
 * terminal: write what {@link #pollOutbound()} still has (the alert that tells the peer why), then
 * close the connection.
 *
 * <h2>Records</h2>
 * {@link #feed} decrypts every complete record in its input and leaves a partial one unread, to be
 * presented again with the bytes that complete it, exactly as {@code ProtocolHandler.onRead}
 * leaves bytes for its transport to keep: the engine never copies input to accumulate it. Several
 * records in one read all decrypt, into one plaintext buffer. {@link #wrap} cuts plaintext into
 * records of at most {@value #MAX_RECORD_PLAINTEXT} bytes (RFC 8446 §5.1).
 *
 * <h2>Buffers</h2>
 * Every buffer comes from {@link Buffers#allocator()}. {@link #feed} borrows its input and returns
 * a buffer the caller owns and releases; {@link #wrap} takes ownership of its input, also when it
 * throws; {@link #pollOutbound()} hands ownership of each buffer to the caller. {@link #close()}
 * releases whatever was not polled. A failure releases what it was working on.
 *
 * <h2>Delegated tasks</h2>
 * SunJSSE hands the expensive steps of a handshake (key exchange, signing, certificate checks)
 * out as delegated tasks, so a caller may run them on another thread. They run inline here: with
 * the suites and keys Zyphos allows (ECDHE on X25519 or P-256, ECDSA P-256 or RSA 2048 signatures)
 * each is well under a millisecond, the same order as handing it to another thread and coming back
 * to the loop, and running them inline keeps the engine free of threads. BCJSSE never delegates.
 *
 * <p>Not thread-safe: one engine per connection, used by the thread that owns the connection.
 */
public final class TlsEngine implements AutoCloseable {

    /** The most plaintext one record carries: 2^14 bytes (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    public static final int MAX_RECORD_PLAINTEXT = 16_384;

    /** Alert descriptions (RFC 8446 §6), for naming a failure from the alert the engine sent. */
    private static final int ALERT_HANDSHAKE_FAILURE = 40;
    private static final int ALERT_PROTOCOL_VERSION = 70;
    private static final int ALERT_INSUFFICIENT_SECURITY = 71;

    /**
     * The engine whose handshake is running on this thread. The provider calls the shared key and
     * trust managers with its own {@link SSLEngine}; they tell the {@code TlsEngine} around it what
     * they saw through this. Delegated tasks run inline, so those calls always come on the thread
     * that is inside {@link #feed} or {@link #wrap}.
     */
    private static final ThreadLocal<TlsEngine> CURRENT = new ThreadLocal<>();

    /** Where the connection is. */
    public enum State {
        /** The handshake is under way. */
        HANDSHAKING,
        /** Data flows both ways. */
        OPEN,
        /** One side has sent close_notify, the other not yet. */
        CLOSING,
        /** Both sides have sent close_notify. */
        CLOSED,
        /** A {@link TlsException} ended it. */
        FAILED
    }

    private final TlsConfig config;
    private final SSLEngine engine;
    private final ByteBufAllocator alloc = Buffers.allocator();
    private final ArrayDeque<ByteBuf> outbound = new ArrayDeque<>();
    private final long handshakeDeadlineNanos;

    private boolean handshakeComplete;
    private boolean released;
    private TlsException failure;
    private TlsSessionInfo session;
    private int packetBufferSize;

    // What the handshake showed: for the session, and to name a failure.
    private String sniHostName;
    private boolean sniUnknown;
    private boolean noCertificate;
    private List<String> clientProtocols = List.of();
    private boolean alpnRefused;
    private String clientCertificateRejection;
    private final ServerFlight flight = new ServerFlight();

    TlsEngine(TlsConfig config, SSLEngine engine, long nowNanos) {
        this.config = config;
        this.engine = engine;
        this.handshakeDeadlineNanos = nowNanos + config.handshakeTimeout().toNanos();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(config.enabledVersions());
        parameters.setCipherSuites(config.enabledSuites());
        parameters.setUseCipherSuitesOrder(true);
        parameters.setSNIMatchers(List.of(new SniMatcher()));
        switch (config.clientAuth()) {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case OPTIONAL -> parameters.setWantClientAuth(true);
            case NONE -> {}
        }
        engine.setSSLParameters(parameters);
        if (!config.applicationProtocols().isEmpty()) {
            engine.setHandshakeApplicationProtocolSelector((e, offered) -> selectApplicationProtocol(offered));
        }
        packetBufferSize = engine.getSession().getPacketBufferSize();
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw new IllegalStateException("a new " + config.provider() + " engine would not start its handshake", e);
        }
    }

    // ---------------------------------------------------------------- inputs

    /**
     * Bytes read from the peer: decrypts every complete record in them and runs the handshake as
     * far as they take it. Handshake messages to send in reply wait in {@link #pollOutbound()}.
     *
     * @param ciphertext borrowed; whole records are consumed by advancing its reader index, and a
     *     partial record is left unread for the caller to present again with what follows
     * @return the plaintext, owned by the caller, who releases it; empty (and still safe to
     *     release) when the bytes carried none
     * @throws TlsException when the handshake fails or a record is bad; terminal
     */
    public ByteBuf feed(ByteBuf ciphertext) throws TlsException {
        checkUsable();
        ByteBuf plaintext = null;
        TlsEngine outer = enter();
        try {
            plaintext = unwrapRecords(ciphertext);
            return plaintext == null ? Unpooled.EMPTY_BUFFER : plaintext;
        } catch (SSLException | RuntimeException e) {
            if (plaintext != null) {
                plaintext.release();
            }
            throw fail(e);
        } finally {
            exit(outer);
        }
    }

    /**
     * Fails the handshake if it has outlived {@link TlsConfig#handshakeTimeout()}. The engine
     * queues what the provider sends on an abandoned handshake (a {@code user_canceled} or
     * close_notify alert), then throws.
     *
     * @throws TlsException with {@link TlsException.Reason#HANDSHAKE_TIMEOUT} when the deadline has passed
     */
    public void onTimeout(long nowNanos) throws TlsException {
        if (handshakeComplete || failure != null || released || nowNanos - handshakeDeadlineNanos < 0) {
            return;
        }
        try {
            sendCloseNotify();
        } catch (SSLException | RuntimeException ignored) {
            // The engine could not say goodbye; the connection closes all the same.
        }
        Duration timeout = config.handshakeTimeout();
        failure = new TlsException(TlsException.Reason.HANDSHAKE_TIMEOUT, true,
                "TLS handshake not complete after " + timeout.toMillis() + " ms", null);
        throw failure;
    }

    // ---------------------------------------------------------------- commands

    /**
     * Encrypts {@code plaintext} into records, queued for {@link #pollOutbound()}.
     *
     * @param plaintext ownership passes to the engine, also when this throws
     * @throws IllegalStateException before the handshake completed, after {@link #closeOutbound()}
     *     or after {@link #close()}
     * @throws TlsException when the provider fails; terminal
     */
    public void wrap(ByteBuf plaintext) throws TlsException {
        try {
            checkUsable();
            if (!handshakeComplete) {
                throw new IllegalStateException("TLS: wrap before the handshake completed");
            }
            if (engine.isOutboundDone()) {
                throw new IllegalStateException("TLS: wrap after close_notify was sent");
            }
            TlsEngine outer = enter();
            try {
                encrypt(plaintext);
            } catch (SSLException | RuntimeException e) {
                throw fail(e);
            } finally {
                exit(outer);
            }
        } finally {
            plaintext.release();
        }
    }

    /**
     * Sends close_notify (RFC 8446 §6.1): nothing more will be written. The peer may go on
     * sending; in TLS 1.2 it answers with its own close_notify. Does nothing after a failure or a
     * second time.
     */
    public void closeOutbound() throws TlsException {
        if (failure != null || released || engine.isOutboundDone()) {
            return;
        }
        try {
            sendCloseNotify();
        } catch (SSLException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Closes the engine's output and queues what it sends for that (close_notify, or user_canceled first mid-handshake). */
    private void sendCloseNotify() throws SSLException {
        TlsEngine outer = enter();
        try {
            engine.closeOutbound();
            flushEngineOutput(true);
        } finally {
            exit(outer);
        }
    }

    /** Releases every buffer not yet polled. The engine is unusable afterwards. Idempotent. */
    @Override
    public void close() {
        released = true;
        for (ByteBuf b; (b = outbound.poll()) != null; ) {
            b.release();
        }
    }

    // ---------------------------------------------------------------- outputs

    /**
     * The next ciphertext to send to the peer, in order, or {@code null} when there is none.
     * Ownership passes to the caller (normally straight on to {@code Connection.write}).
     */
    public ByteBuf pollOutbound() {
        return outbound.poll();
    }

    /** Whether {@link #pollOutbound()} has something. */
    public boolean hasOutbound() {
        return !outbound.isEmpty();
    }

    // ---------------------------------------------------------------- queries

    public State state() {
        if (failure != null) {
            return State.FAILED;
        }
        if (!handshakeComplete) {
            return State.HANDSHAKING;
        }
        boolean in = engine.isInboundDone();
        boolean out = engine.isOutboundDone();
        if (in && out) {
            return State.CLOSED;
        }
        return in || out ? State.CLOSING : State.OPEN;
    }

    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    /** The peer sent close_notify: no more plaintext will come. */
    public boolean isInputClosed() {
        return engine.isInboundDone();
    }

    /** This side sent close_notify (or the engine failed): nothing more can be {@linkplain #wrap wrapped}. */
    public boolean isOutputClosed() {
        return failure != null || released || engine.isOutboundDone();
    }

    /** What the handshake agreed on; {@code null} until it completes. */
    public TlsSessionInfo session() {
        return session;
    }

    /** The ALPN protocol chosen, or {@code null} (none, or the handshake has not got that far). */
    public String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    /** The SNI host name the client asked for, or {@code null} when it sent none. */
    public String sniHostName() {
        return sniHostName;
    }

    /**
     * When the handshake must have completed ({@link System#nanoTime()} terms): then call
     * {@link #onTimeout}. {@link Long#MAX_VALUE} once it has completed or failed.
     */
    public long nextDeadlineNanos() {
        return handshakeComplete || failure != null ? Long.MAX_VALUE : handshakeDeadlineNanos;
    }

    /** The failure that ended the engine, or {@code null}. */
    public TlsException failure() {
        return failure;
    }

    // ---------------------------------------------------------------- the record loop

    private ByteBuf unwrapRecords(ByteBuf in) throws SSLException {
        ByteBuf out = null;
        try {
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                    continue;
                }
                if (hs == HandshakeStatus.NEED_WRAP && flushEngineOutput(false)) {
                    continue;
                }
                if (!in.isReadable() || engine.isInboundDone()) {
                    break;
                }
                if (out == null) {
                    // Plaintext is never longer than the ciphertext that carried it.
                    out = alloc.directBuffer(Math.min(in.readableBytes(), engine.getSession().getApplicationBufferSize()));
                }
                ByteBuffer src = in.nioBuffer(in.readerIndex(), in.readableBytes());
                ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
                SSLEngineResult r = engine.unwrap(src, dst);
                in.skipBytes(r.bytesConsumed());
                out.writerIndex(out.writerIndex() + r.bytesProduced());
                observe(r);
                Status status = r.getStatus();
                if (status == Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (status == Status.BUFFER_OVERFLOW) {
                    out.ensureWritable(engine.getSession().getApplicationBufferSize());
                    continue;
                }
                if (status == Status.CLOSED) {
                    // close_notify: in TLS 1.2 the engine answers with its own (RFC 5246 §7.2.1).
                    flushEngineOutput(false);
                    break;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                    break;
                }
            }
            if (out != null && !out.isReadable()) {
                out.release();
                out = null;
            }
            ByteBuf result = out;
            out = null;
            return result;
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    private void encrypt(ByteBuf plaintext) throws SSLException {
        int readable = plaintext.readableBytes();
        if (readable == 0) {
            return;
        }
        int records = (readable + MAX_RECORD_PLAINTEXT - 1) / MAX_RECORD_PLAINTEXT;
        // SunJSSE wants room for a whole packet before each wrap; trimmed() gives back the slack.
        ByteBuf out = alloc.directBuffer(records * packetBufferSize);
        try {
            while (plaintext.isReadable()) {
                out.ensureWritable(packetBufferSize);
                int chunk = Math.min(plaintext.readableBytes(), MAX_RECORD_PLAINTEXT);
                ByteBuffer src = plaintext.nioBuffer(plaintext.readerIndex(), chunk);
                ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
                SSLEngineResult r = engine.wrap(src, dst);
                plaintext.skipBytes(r.bytesConsumed());
                out.writerIndex(out.writerIndex() + r.bytesProduced());
                observe(r);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> packetBufferSize = Math.max(packetBufferSize, engine.getSession().getPacketBufferSize()) + 1024;
                    case CLOSED -> throw new SSLException("the engine closed while encrypting");
                    case OK, BUFFER_UNDERFLOW -> {}
                }
            }
            outbound.add(trimmed(out));
            out = null;
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    /**
     * Wraps what the engine wants to send on its own: handshake flights, session tickets, alerts,
     * close_notify. With {@code force}, wraps at least once whatever the handshake status says
     * (after {@code closeOutbound}, and after a failure, when the status no longer asks).
     *
     * @return whether any bytes were produced
     */
    private boolean flushEngineOutput(boolean force) throws SSLException {
        ByteBuf out = alloc.directBuffer(packetBufferSize);
        try {
            boolean any = false;
            boolean first = force;
            while (first || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                first = false;
                out.ensureWritable(packetBufferSize);
                ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
                SSLEngineResult r = engine.wrap(Unpooled.EMPTY_BUFFER.nioBuffer(), dst);
                out.writerIndex(out.writerIndex() + r.bytesProduced());
                observe(r);
                if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                    packetBufferSize = Math.max(packetBufferSize, engine.getSession().getPacketBufferSize()) + 1024;
                    continue;
                }
                if (r.bytesProduced() == 0) {
                    break;
                }
                any = true;
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
            }
            if (any) {
                if (!handshakeComplete) {
                    flight.inspect(out);
                }
                outbound.add(trimmed(out));
                out = null;
            }
            return any;
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    /** {@code buf}, or a right-sized copy when most of it is empty; the original is then released. */
    private ByteBuf trimmed(ByteBuf buf) {
        int readable = buf.readableBytes();
        if (readable >= buf.capacity() / 2) {
            return buf;
        }
        ByteBuf copy = alloc.directBuffer(readable);
        copy.writeBytes(buf);
        buf.release();
        return copy;
    }

    private void runDelegatedTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private void observe(SSLEngineResult r) throws SSLException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.FINISHED) {
            onHandshakeFinished();
            return;
        }
        if (handshakeComplete && session.version() == TlsVersion.TLS_1_2
                && !engine.isInboundDone() && !engine.isOutboundDone()
                && (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_WRAP)) {
            // A ClientHello on an established TLS 1.2 connection. Renegotiation mixes two security
            // contexts on one connection (the attack behind RFC 5746); nothing Zyphos serves needs
            // it, and TLS 1.3 removed it (RFC 8446 §4.1.2).
            throw new RenegotiationRefused();
        }
    }

    private void onHandshakeFinished() {
        handshakeComplete = true;
        SSLSession s = engine.getSession();
        packetBufferSize = s.getPacketBufferSize();
        if (!config.sessionResumption()) {
            s.invalidate();
        }
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : s.getPeerCertificates()) {
                peer.add((X509Certificate) c);
            }
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // The client sent none; allowed unless client certificates are required.
        }
        TlsVersion version = TlsVersion.ofJsseName(s.getProtocol());
        session = new TlsSessionInfo(version, s.getCipherSuite(), applicationProtocol(),
                sniHostName, peer, HexFormat.of().formatHex(s.getId()), flight.resumed(version));
    }

    // ---------------------------------------------------------------- what the provider tells us

    static TlsEngine current() {
        return CURRENT.get();
    }

    private TlsEngine enter() {
        TlsEngine outer = CURRENT.get();
        CURRENT.set(this);
        return outer;
    }

    private static void exit(TlsEngine outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** The key manager found a certificate for this handshake. */
    void onCertificateChosen(SSLEngine caller) {
        if (caller == engine && !config.sessionResumption()) {
            // Invalidated before the handshake ends, the session is never cached and no ticket is
            // issued for it (SunJSSE checks both); BCJSSE is covered by the invalidation at the end.
            SSLSession handshakeSession = engine.getHandshakeSession();
            if (handshakeSession != null) {
                handshakeSession.invalidate();
            }
        }
    }

    /** The key manager has no certificate for the client's name (or lack of one). */
    void onNoCertificate(SSLEngine caller) {
        if (caller == engine) {
            noCertificate = true;
        }
    }

    void onClientCertificateRejected(X509Certificate[] chain, Exception why) {
        String subject = chain == null || chain.length == 0 ? "(empty chain)" : chain[0].getSubjectX500Principal().getName();
        clientCertificateRejection = subject + ": " + why.getMessage();
    }

    /** RFC 7301 §3.2: the server's preference decides, among what the client offers. */
    private String selectApplicationProtocol(List<String> offered) {
        clientProtocols = List.copyOf(offered);
        for (String p : config.applicationProtocols()) {
            if (offered.contains(p)) {
                return p;
            }
        }
        // Null asks the provider for the fatal no_application_protocol alert, as RFC 7301 §3.2
        // says a server SHALL. Carrying on without ALPN instead would leave a client that asked
        // for, say, h2 only, to find out from the first bytes that it is not spoken here.
        alpnRefused = true;
        return null;
    }

    /**
     * Accepts a host name a certificate is configured for, exactly or by wildcard, or any name when
     * there is a default. Otherwise the provider answers with a fatal {@code unrecognized_name}
     * (RFC 6066 §3), and the failure names the host.
     */
    private final class SniMatcher extends SNIMatcher {
        SniMatcher() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName name) {
            String host;
            try {
                host = name instanceof SNIHostName h ? h.getAsciiName() : new SNIHostName(name.getEncoded()).getAsciiName();
            } catch (IllegalArgumentException notAHostName) {
                return false;
            }
            sniHostName = host;
            boolean known = config.certificates().index(host) >= 0;
            sniUnknown = !known;
            return known;
        }
    }

    // ---------------------------------------------------------------- failures

    private void checkUsable() throws TlsException {
        if (released) {
            throw new IllegalStateException("TLS engine used after close()");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Ends the engine: queues the alert the provider still holds, so the peer learns why, and
     * names the cause from what the handshake showed.
     */
    private TlsException fail(Exception e) {
        boolean duringHandshake = !handshakeComplete;
        boolean flightBeforeFailure = flight.serverHelloSent();
        try {
            if (e instanceof RenegotiationRefused) {
                engine.closeOutbound();
            }
            flushEngineOutput(true);
        } catch (SSLException | RuntimeException noAlert) {
            e.addSuppressed(noAlert);
        }
        int alert = flight.alertInClear();
        TlsException.Reason reason = classify(e, duringHandshake, flightBeforeFailure, alert);
        String message = describe(reason, e);
        failure = new TlsException(reason, duringHandshake, duringHandshake ? "TLS handshake failed: " + message : "TLS failed: " + message, e);
        return failure;
    }

    private TlsException.Reason classify(Exception e, boolean duringHandshake, boolean flightBeforeFailure, int alert) {
        if (e instanceof RenegotiationRefused) {
            return TlsException.Reason.RENEGOTIATION_REFUSED;
        }
        if (sniUnknown || noCertificate) {
            return TlsException.Reason.UNKNOWN_SNI;
        }
        if (alpnRefused) {
            return TlsException.Reason.NO_APPLICATION_PROTOCOL;
        }
        if (clientCertificateRejection != null) {
            return TlsException.Reason.CLIENT_CERTIFICATE_REJECTED;
        }
        if (peerSentAlert(e)) {
            return TlsException.Reason.PEER_ALERT;
        }
        if (duringHandshake && !flightBeforeFailure) {
            if (alert == ALERT_PROTOCOL_VERSION) {
                return TlsException.Reason.NO_SHARED_VERSION;
            }
            if (alert == ALERT_HANDSHAKE_FAILURE || alert == ALERT_INSUFFICIENT_SECURITY) {
                return TlsException.Reason.NO_SHARED_CIPHER;
            }
        }
        if (duringHandshake && flightBeforeFailure && config.clientAuth() == ClientAuth.REQUIRED) {
            return TlsException.Reason.CLIENT_CERTIFICATE_MISSING;
        }
        return TlsException.Reason.OTHER;
    }

    /**
     * Whether the failure is the peer's alert rather than ours. The providers say so only in their
     * own terms: BCJSSE by the type {@code TlsFatalAlertReceived} in the cause chain, SunJSSE in
     * its message ("Received fatal alert: ...").
     */
    private static boolean peerSentAlert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.bouncycastle.tls.TlsFatalAlertReceived")
                    || (t.getMessage() != null && t.getMessage().startsWith("Received fatal alert"))) {
                return true;
            }
        }
        return false;
    }

    private String describe(TlsException.Reason reason, Exception e) {
        return switch (reason) {
            case UNKNOWN_SNI -> sniHostName != null
                    ? "no certificate for SNI name " + sniHostName + " and no default"
                    : "the client sent no SNI name and there is no default certificate";
            case NO_APPLICATION_PROTOCOL -> "no ALPN protocol in common: the client offers " + clientProtocols
                    + ", the server " + config.applicationProtocols();
            case CLIENT_CERTIFICATE_REJECTED -> "client certificate rejected: " + clientCertificateRejection;
            case CLIENT_CERTIFICATE_MISSING -> "the client sent no certificate, and one is required (" + e.getMessage() + ")";
            case NO_SHARED_VERSION -> "the client offers no TLS version the server speaks (" + Arrays.toString(config.enabledVersions()) + ")";
            case NO_SHARED_CIPHER -> "no cipher suite in common; the server accepts " + config.cipherSuites();
            case RENEGOTIATION_REFUSED -> "the client asked to renegotiate TLS 1.2, which is refused";
            case PEER_ALERT -> "the peer sent a fatal alert (" + e.getMessage() + ")";
            case HANDSHAKE_TIMEOUT, OTHER -> String.valueOf(e.getMessage());
        };
    }

    /** A TLS 1.2 peer asked for a new handshake on an established connection. */
    private static final class RenegotiationRefused extends SSLException {
        RenegotiationRefused() {
            super("renegotiation refused");
        }
    }
}
