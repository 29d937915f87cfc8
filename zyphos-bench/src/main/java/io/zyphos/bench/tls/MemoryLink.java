package io.zyphos.bench.tls;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.tls.TlsEngine;
import io.zyphos.tls.TlsException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A Zyphos {@link TlsEngine} (server) and a JDK {@link SSLEngine} (client) joined in memory, for
 * the benchmarks: the buffers are allocated once and reused, so a measured handshake costs what
 * the two engines do and little else. Confined to one thread; {@link #close()} releases the
 * server's input buffer.
 */
final class MemoryLink implements AutoCloseable {

    private final ByteBuf serverIn = Buffers.allocator().directBuffer(32 * 1024);
    private ByteBuffer toClient = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer clientNet = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer clientApp = ByteBuffer.allocate(64 * 1024);

    /**
     * Runs a handshake to the end on both sides, then until neither has anything left to say (the
     * TLS 1.3 ticket reaches the client, so the next handshake can resume).
     */
    void handshake(TlsEngine server, SSLEngine client) throws SSLException, TlsException {
        serverIn.clear();
        toClient.clear();
        client.beginHandshake();
        boolean progress = true;
        while (progress) {
            progress = clientWrap(client);
            progress |= serverRead(server);
            progress |= clientUnwrap(client);
        }
        if (!server.isHandshakeComplete()) {
            throw new IllegalStateException("the handshake stopped half way");
        }
    }

    private boolean clientWrap(SSLEngine client) throws SSLException {
        boolean any = false;
        while (true) {
            clientNet.clear();
            SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), clientNet);
            runTasks(client, r);
            if (r.bytesProduced() == 0) {
                return any;
            }
            clientNet.flip();
            serverIn.writeBytes(clientNet);
            any = true;
        }
    }

    private boolean serverRead(TlsEngine server) throws TlsException {
        boolean any = false;
        if (serverIn.isReadable()) {
            server.feed(serverIn).release();
            serverIn.discardReadBytes();
            any = true;
        }
        for (ByteBuf b; (b = server.pollOutbound()) != null; ) {
            try {
                if (toClient.remaining() < b.readableBytes()) {
                    ByteBuffer bigger = ByteBuffer.allocate(toClient.capacity() * 2 + b.readableBytes());
                    bigger.put(toClient.flip());
                    toClient = bigger;
                }
                int n = b.readableBytes();
                b.readBytes(toClient.slice(toClient.position(), n));
                toClient.position(toClient.position() + n);
            } finally {
                b.release();
            }
            any = true;
        }
        return any;
    }

    private boolean clientUnwrap(SSLEngine client) throws SSLException {
        boolean any = false;
        toClient.flip();
        try {
            while (toClient.hasRemaining()) {
                clientApp.clear();
                SSLEngineResult r = client.unwrap(toClient, clientApp);
                runTasks(client, r);
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
                any = true;
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    break;
                }
            }
        } finally {
            toClient.compact();
        }
        return any;
    }

    private static void runTasks(SSLEngine engine, SSLEngineResult r) {
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
        }
    }

    /**
     * 16 KiB each way through the server engine: the client encrypts {@code plaintext} and the
     * server decrypts it; the server encrypts {@code reply} (taking ownership) and the client
     * decrypts it. Answers the bytes the client got back.
     */
    int exchange(TlsEngine server, SSLEngine client, ByteBuffer plaintext, ByteBuf reply) throws SSLException, TlsException {
        serverIn.clear();
        int sent = plaintext.remaining();
        while (plaintext.hasRemaining()) {
            // SunJSSE puts at most 2^14 - 17 bytes in a TLS 1.3 record: 16 KiB takes two.
            clientNet.clear();
            client.wrap(plaintext, clientNet);
            serverIn.writeBytes(clientNet.flip());
        }
        ByteBuf decrypted = server.feed(serverIn);
        int got = decrypted.readableBytes();
        decrypted.release();
        if (got != sent) {
            throw new IllegalStateException("the server decrypted " + got + " bytes of " + sent);
        }
        server.wrap(reply);
        ByteBuf record = server.pollOutbound();
        try {
            clientApp.clear();
            ByteBuffer records = record.nioBuffer();
            int produced = 0;
            while (records.hasRemaining()) {
                produced += client.unwrap(records, clientApp).bytesProduced();
            }
            return produced;
        } finally {
            record.release();
        }
    }

    /** The client's first flight, its ClientHello, in a pooled buffer the caller releases. */
    static ByteBuf clientHello(SSLEngine client) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(64 * 1024);
        client.beginHandshake();
        SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), net);
        runTasks(client, r);
        return Buffers.allocator().directBuffer(net.position()).writeBytes(net.flip());
    }

    /** Feeds {@code clientHello} to a bare server engine and wraps its answer; the bytes it sent. */
    static int rawFirstFlight(SSLEngine server, ByteBuffer clientHello) throws SSLException {
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        ByteBuffer net = ByteBuffer.allocate(64 * 1024);
        runTasks(server, server.unwrap(clientHello, app));
        int sent = 0;
        while (server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                || server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            if (server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = server.getDelegatedTask()) != null; ) {
                    task.run();
                }
                continue;
            }
            net.clear();
            SSLEngineResult r = server.wrap(ByteBuffer.allocate(0), net);
            sent += r.bytesProduced();
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        if (sent == 0) {
            throw new IllegalStateException("the bare engine sent nothing");
        }
        return sent;
    }

    @Override
    public void close() {
        serverIn.release();
    }
}
