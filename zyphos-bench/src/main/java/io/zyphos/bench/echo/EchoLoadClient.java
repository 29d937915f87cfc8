package io.zyphos.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop echo load generator on one NIO selector thread: each connection sends a
 * {@value #MESSAGE_SIZE}-byte message, waits for all of it to come back, checks every byte, and
 * only then sends the next. Throughput is therefore set by round-trip latency times the number of
 * connections, which is what an echo benchmark should measure.
 *
 * <p>Each message carries the connection's number and its sequence number, so an echo that mixes
 * up connections or replays an old message shows as mismatched bytes. Not thread-safe: one thread
 * connects, runs and closes.
 */
public final class EchoLoadClient implements AutoCloseable {

    public static final int MESSAGE_SIZE = 64;

    /** How long in-flight messages may take to come back after a window ends. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Selector selector;
    private final List<Peer> peers;

    private EchoLoadClient(Selector selector, List<Peer> peers) {
        this.selector = selector;
        this.peers = peers;
    }

    /** Opens {@code connections} connections to {@code server}, one after another. */
    public static EchoLoadClient connect(InetSocketAddress server, int connections) throws IOException {
        Selector selector = Selector.open();
        List<Peer> peers = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.connect(server);
                    channel.configureBlocking(false);
                    Peer peer = new Peer(i, channel);
                    peer.key = channel.register(selector, 0, peer);
                    peers.add(peer);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Peer p : peers) {
                p.channel.close();
            }
            selector.close();
            throw e;
        }
        return new EchoLoadClient(selector, peers);
    }

    /**
     * Runs the closed loop for {@code window}, then waits for the messages still in flight (their
     * latency is not recorded, their bytes are checked). Can be called again on the same
     * connections: warm-up, measurement, a traced window.
     */
    public LoadResult run(Duration window) throws IOException {
        Histogram histogram = new Histogram(3);
        Window w = new Window(histogram);
        long start = System.nanoTime();
        long end = start + window.toNanos();
        for (Peer p : peers) {
            if (p.open) {
                send(p, start, w);
            }
        }
        long drainDeadline = end + DRAIN_NANOS;
        while (w.inFlight > 0) {
            long now = System.nanoTime();
            if (now - drainDeadline >= 0) {
                for (Peer p : peers) {
                    if (p.open && p.inFlight) {
                        fail(p, w);
                    }
                }
                break;
            }
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(end, drainDeadline) - now));
            selector.select(key -> onReady((Peer) key.attachment(), end, w), now < end ? waitMillis : 10);
        }
        return new LoadResult(w.requests, window.toNanos(), histogram, w.bytesVerified, w.mismatchedBytes, w.errors);
    }

    /** Connections still open (not lost to an error). */
    public int openConnections() {
        int n = 0;
        for (Peer p : peers) {
            n += p.open ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        for (Peer p : peers) {
            p.channel.close();
        }
        selector.close();
    }

    private void onReady(Peer p, long end, Window w) {
        try {
            if (p.key.isWritable()) {
                p.channel.write(p.out);
                if (!p.out.hasRemaining()) {
                    p.key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (p.key.isReadable()) {
                int n = p.channel.read(p.in);
                if (n < 0) {
                    fail(p, w);
                    return;
                }
                if (!p.in.hasRemaining()) {
                    long now = System.nanoTime();
                    complete(p, now, end, w);
                }
            }
        } catch (IOException e) {
            fail(p, w);
        }
    }

    private void complete(Peer p, long now, long end, Window w) throws IOException {
        p.in.flip();
        for (int i = 0; i < MESSAGE_SIZE; i++) {
            if (p.in.get(i) != p.sent[i]) {
                w.mismatchedBytes++;
            }
        }
        w.bytesVerified += MESSAGE_SIZE;
        p.inFlight = false;
        w.inFlight--;
        if (now - end < 0) {
            w.requests++;
            w.histogram.recordValue(now - p.sentAtNanos);
            send(p, now, w);
        }
    }

    private void send(Peer p, long now, Window w) throws IOException {
        p.nextMessage();
        p.in.clear();
        p.sentAtNanos = now;
        p.inFlight = true;
        w.inFlight++;
        try {
            p.channel.write(p.out);
        } catch (IOException e) {
            fail(p, w);
            return;
        }
        p.key.interestOps(p.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private static void fail(Peer p, Window w) {
        if (!p.open) {
            return;
        }
        p.open = false;
        w.errors++;
        if (p.inFlight) {
            p.inFlight = false;
            w.inFlight--;
        }
        p.key.cancel();
        try {
            p.channel.close();
        } catch (IOException ignored) {
            // Already counted as an error; the socket is gone either way.
        }
    }

    /** The figures of one {@link #run} window. */
    private static final class Window {
        final Histogram histogram;
        long requests;
        long bytesVerified;
        long mismatchedBytes;
        long errors;
        int inFlight;

        Window(Histogram histogram) {
            this.histogram = histogram;
        }
    }

    /** One connection: what it sent last, and what has come back of it. */
    private static final class Peer {
        final int number;
        final SocketChannel channel;
        final byte[] sent = new byte[MESSAGE_SIZE];
        final ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_SIZE);
        final ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_SIZE);
        SelectionKey key;
        long sequence;
        long sentAtNanos;
        boolean inFlight;
        boolean open = true;

        Peer(int number, SocketChannel channel) {
            this.number = number;
            this.channel = channel;
        }

        /** Fills {@link #sent} and {@link #out}: connection number, sequence number, then a pattern of both. */
        void nextMessage() {
            sequence++;
            ByteBuffer b = ByteBuffer.wrap(sent);
            b.putLong(sequence).putInt(number);
            while (b.hasRemaining()) {
                b.put((byte) (sequence * 31 + number * 17 + b.position()));
            }
            out.clear();
            out.put(sent).flip();
        }
    }
}
