package io.zyphos.tls;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Our {@link TlsEngine} as the server and a JDK {@link SSLEngine} as the client, joined in memory:
 * what one writes, the other reads, with no socket, thread or clock. The server is fed the way a
 * transport feeds it: bytes it leaves unread (a partial record) stay in its input buffer, and the
 * next bytes are appended behind them. {@link #feedInPiecesOf} cuts the client's bytes into pieces
 * as small as one byte.
 */
final class EnginePair implements AutoCloseable {

    final TlsEngine server;
    final SSLEngine client;

    /** Ciphertext the client sent that the server has not been handed yet. */
    private final ByteBuf toServer = Buffers.allocator().directBuffer(4096);
    /** The server's input: what it left unread, then what was handed to it since. */
    private final ByteBuf serverIn = Buffers.allocator().directBuffer(4096);
    private ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
    private ByteBuffer clientOut = ByteBuffer.allocate(0);
    private final ByteArrayOutputStream serverReceived = new ByteArrayOutputStream();
    private final ByteArrayOutputStream clientReceived = new ByteArrayOutputStream();
    private int piece = Integer.MAX_VALUE;
    private int serverFeeds;

    private EnginePair(TlsEngine server, SSLEngine client) {
        this.server = server;
        this.client = client;
    }

    /** A pair whose client is made by {@code clientContext} with {@code clientParameters} applied. */
    static EnginePair of(TlsConfig config, SSLContext clientContext, SSLParameters clientParameters) {
        SSLEngine client = clientContext.createSSLEngine("zyphos.test", 443);
        client.setUseClientMode(true);
        if (clientParameters != null) {
            client.setSSLParameters(clientParameters);
        }
        return new EnginePair(config.newEngine(0), client);
    }

    /** Hands the server the client's bytes {@code n} at a time, one {@code feed} per piece. */
    EnginePair feedInPiecesOf(int n) {
        piece = n;
        return this;
    }

    /** How many times the server was fed. */
    int serverFeeds() {
        return serverFeeds;
    }

    /** Runs both sides until the handshake is done on both, or one fails. */
    EnginePair handshake() throws IOException {
        client.beginHandshake();
        pump();
        if (!server.isHandshakeComplete()) {
            throw new AssertionError("the pair went quiet before the server's handshake completed");
        }
        return this;
    }

    void clientSends(String text) throws IOException {
        ByteBuffer more = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer joined = ByteBuffer.allocate(clientOut.remaining() + more.remaining());
        joined.put(clientOut).put(more).flip();
        clientOut = joined;
        pump();
    }

    void serverSends(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf plaintext = Buffers.allocator().directBuffer(bytes.length);
        plaintext.writeBytes(bytes);
        server.wrap(plaintext);
        pump();
    }

    /** Everything the server has decrypted so far, and forgets it. */
    String serverReceived() {
        String s = serverReceived.toString(StandardCharsets.UTF_8);
        serverReceived.reset();
        return s;
    }

    String clientReceived() {
        String s = clientReceived.toString(StandardCharsets.UTF_8);
        clientReceived.reset();
        return s;
    }

    /** Runs both engines until neither makes progress. A server failure propagates as its {@link TlsException}. */
    void pump() throws IOException {
        boolean progress = true;
        while (progress) {
            progress = clientStep();
            progress |= serverStep();
        }
    }

    /**
     * After the server failed: hands the client what the server still had to send (its alert),
     * and answers the client's own failure, or {@code null} when it did not fail.
     */
    SSLException deliverToClient() {
        try {
            drainServerOutbound();
            while (clientStep()) {
                // The client reads the server's last flight, replying as it goes, up to the alert.
            }
            return null;
        } catch (SSLException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private boolean clientStep() throws IOException {
        boolean progress = false;
        for (Runnable task; (task = client.getDelegatedTask()) != null; ) {
            task.run();
            progress = true;
        }
        while (true) {
            ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            SSLEngineResult r = client.wrap(clientOut, net);
            runClientTasks(r);
            if (r.bytesProduced() == 0) {
                break;
            }
            net.flip();
            toServer.writeBytes(net);
            progress = true;
        }
        toClient.flip();
        try {
            while (toClient.hasRemaining()) {
                ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
                SSLEngineResult r = client.unwrap(toClient, app);
                runClientTasks(r);
                app.flip();
                clientReceived.write(app.array(), 0, app.limit());
                if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
                    progress = true;
                }
                if (r.getStatus() != SSLEngineResult.Status.OK || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                    break;
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    break;
                }
            }
        } finally {
            toClient.compact();
        }
        return progress;
    }

    private void runClientTasks(SSLEngineResult r) {
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            for (Runnable task; (task = client.getDelegatedTask()) != null; ) {
                task.run();
            }
        }
    }

    private boolean serverStep() throws IOException {
        boolean progress = false;
        while (toServer.isReadable()) {
            serverIn.writeBytes(toServer, Math.min(piece, toServer.readableBytes()));
            serverFeeds++;
            ByteBuf plaintext = server.feed(serverIn);
            try {
                plaintext.readBytes(serverReceived, plaintext.readableBytes());
            } finally {
                plaintext.release();
            }
            serverIn.discardReadBytes();
            toServer.discardReadBytes();
            progress = true;
            progress |= drainServerOutbound();
        }
        return drainServerOutbound() || progress;
    }

    private boolean drainServerOutbound() {
        boolean any = false;
        for (ByteBuf b; (b = server.pollOutbound()) != null; ) {
            try {
                if (toClient.remaining() < b.readableBytes()) {
                    ByteBuffer bigger = ByteBuffer.allocate(toClient.capacity() + b.readableBytes() * 2);
                    toClient.flip();
                    bigger.put(toClient);
                    toClient = bigger;
                }
                int n = b.readableBytes();
                b.readBytes(toClient.slice(toClient.position(), n));
                toClient.position(toClient.position() + n);
                any = true;
            } finally {
                b.release();
            }
        }
        return any;
    }

    @Override
    public void close() {
        server.close();
        toServer.release();
        serverIn.release();
    }
}
