package io.zyphos.tls;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only TLS server on 127.0.0.1 and an ephemeral port, for real clients: one thread accepts
 * connections one after another and pumps each socket's bytes through a {@link TlsEngine}. It is
 * the smallest transport there can be (blocking reads, a cumulation buffer for partial records,
 * every outbound buffer written at once), so the engine's lessons stand apart from the transports' own TLS
 * layer (whose lessons are in {@code io.zyphos.server.tls}).
 *
 * <p>After each read the {@link Responder} sees the plaintext so far; once it answers, the answer
 * goes out, then close_notify, then the server reads until the client closes. Closed by the test:
 * {@link #close()} stops the thread and releases every buffer.
 */
final class LoopbackTlsServer implements AutoCloseable {

    /** What to send back, given the plaintext received so far; {@code null} to wait for more. */
    interface Responder {
        String respond(TlsEngine engine, String received);
    }

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final TlsConfig config;
    private final Responder responder;
    private final ServerSocket listener;
    private final Thread thread;
    private final List<TlsSessionInfo> sessions = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private LoopbackTlsServer(TlsConfig config, Responder responder) throws IOException {
        this.config = config;
        this.responder = responder;
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.thread = Thread.ofPlatform().name("loopback-tls-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    static LoopbackTlsServer start(TlsConfig config, Responder responder) {
        try {
            return new LoopbackTlsServer(config, responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The session of each connection whose handshake completed, in order. */
    List<TlsSessionInfo> sessions() {
        return sessions;
    }

    /** What ended connections early: a {@link TlsException}, or a socket's error. */
    List<Exception> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!closing) {
            try (Socket socket = listener.accept()) {
                serve(socket);
            } catch (IOException e) {
                if (!closing) {
                    failures.add(e);
                }
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] chunk = new byte[16 * 1024];
        ByteBuf cumulation = Buffers.allocator().directBuffer(16 * 1024);
        StringBuilder received = new StringBuilder();
        boolean answered = false;
        try (TlsEngine engine = config.newEngine(System.nanoTime())) {
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    cumulation.writeBytes(chunk, 0, n);
                    ByteBuf plaintext = engine.feed(cumulation);
                    received.append(plaintext.toString(StandardCharsets.UTF_8));
                    plaintext.release();
                    cumulation.discardReadBytes();
                    if (engine.isHandshakeComplete() && !answered) {
                        String answer = responder.respond(engine, received.toString());
                        if (answer != null) {
                            answered = true;
                            sessions.add(engine.session());
                            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                            ByteBuf reply = Buffers.allocator().directBuffer(bytes.length);
                            engine.wrap(reply.writeBytes(bytes));
                            engine.closeOutbound();
                        }
                    }
                    send(engine, out);
                    if (engine.isInputClosed()) {
                        break;
                    }
                }
            } catch (TlsException e) {
                failures.add(e);
                send(engine, out);
            } catch (SocketException e) {
                // The client closed hard after reading what it wanted: the usual end for s_client.
            }
        } finally {
            cumulation.release();
        }
    }

    private static void send(TlsEngine engine, OutputStream out) throws IOException {
        for (ByteBuf b; (b = engine.pollOutbound()) != null; ) {
            try {
                b.readBytes(out, b.readableBytes());
            } finally {
                b.release();
            }
        }
        out.flush();
    }

    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
            thread.join(READ_TIMEOUT_MILLIS + 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop");
        }
    }
}
