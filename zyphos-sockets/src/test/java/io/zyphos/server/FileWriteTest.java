package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TestProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestone 16, sendfile: {@link Connection#writeFile} queues a region of a file in order
 * with buffers, and the transport sends it with {@code FileChannel.transferTo} (sendfile(2)),
 * straight from the page cache to the socket. The region counts against the write watermarks, a
 * partial transfer resumes where it stopped, and the file is closed once sent or dropped.
 */
class FileWriteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] HEAD = "head\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "tail\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path fileOf(int size) throws IOException {
        byte[] content = content(size);
        Path file = dir.resolve("region-" + size);
        Files.write(file, content);
        return file;
    }

    /** Bytes that differ from their neighbours, so a lost, repeated or reordered piece shows. */
    private static byte[] content(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 11));
        }
        return b;
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuf ascii(Connection c, byte[] bytes) {
        return c.alloc().buffer(bytes.length).writeBytes(bytes);
    }

    /** A protocol that runs {@code script} once, when the first bytes arrive. */
    private static Protocol onFirstRead(BiConsumer<Connection, Long> script) {
        return new TestProtocol("file", c -> new ProtocolHandler() {
            boolean done;

            @Override
            public void onRead(ByteBuf in, long nowNanos) {
                in.skipBytes(in.readableBytes());
                if (!done) {
                    done = true;
                    script.accept(c, nowNanos);
                }
            }
        });
    }

    private static byte[] expected(byte[] file) {
        byte[] all = new byte[HEAD.length + file.length + TAIL.length];
        System.arraycopy(HEAD, 0, all, 0, HEAD.length);
        System.arraycopy(file, 0, all, HEAD.length, file.length);
        System.arraycopy(TAIL, 0, all, HEAD.length + file.length, TAIL.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileBetweenTwoBuffersArrivesWholeAndInOrder(Transport transport) throws Exception {
        int size = 3 * 1024 * 1024 + 17;
        Path file = fileOf(size);
        AtomicReference<FileChannel> sent = new AtomicReference<>();
        Protocol protocol = onFirstRead((c, now) -> {
            FileChannel ch = open(file);
            sent.set(ch);
            c.write(ascii(c, HEAD));
            c.writeFile(ch, 0, size);
            c.write(ascii(c, TAIL));
            c.flush();
            c.close();
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            assertArrayEquals(expected(content(size)), client.readToEnd());
            assertFalse(sent.get().isOpen(), "the file is closed once its region is sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRegionFromTheMiddleOfAFileSendsThoseBytesOnly(Transport transport) throws Exception {
        int size = 256 * 1024;
        Path file = fileOf(size);
        Protocol protocol = onFirstRead((c, now) -> {
            c.writeFile(open(file), 1000, 5000);
            c.close();
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            assertArrayEquals(Arrays.copyOfRange(content(size), 1000, 6000), client.readToEnd());
        }
    }

    @Test
    void aSlowReaderGetsTheFileInPiecesUnderTheWatermarks() throws Exception {
        int size = 8 * 1024 * 1024;
        Path file = fileOf(size);
        List<Boolean> writability = new CopyOnWriteArrayList<>();
        long[] queued = new long[2];
        CountDownLatch written = new CountDownLatch(1);
        Protocol protocol = new TestProtocol("file", c -> new ProtocolHandler() {
            @Override
            public void onRead(ByteBuf in, long nowNanos) {
                in.skipBytes(in.readableBytes());
                c.write(ascii(c, HEAD));
                c.writeFile(open(file), 0, size);
                c.write(ascii(c, TAIL));
                queued[0] = c.pendingWriteBytes();
                c.flush();
                queued[1] = c.pendingWriteBytes();
                c.close();
                written.countDown();
            }

            @Override
            public void onWritabilityChanged(boolean writable) {
                writability.add(writable);
            }
        });
        Limits limits = Limits.defaults().withWriteWaterMarks(64 * 1024, 256 * 1024);
        try (Server server = Server.builder().transport(Transport.NIO).protocol(protocol).limits(limits)
                .socketOptions(SocketOptions.defaults().withBufferSizes(64 * 1024, 64 * 1024)).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.socket().setReceiveBufferSize(64 * 1024);
            client.send("go");
            assertTrue(written.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            long total = HEAD.length + size + TAIL.length;
            assertEquals(total, queued[0], "the region counts in the queued bytes");
            assertTrue(queued[1] > 0 && queued[1] < total,
                    "the socket took part of the file and the rest waits: " + queued[1] + " of " + total);
            byte[] received = client.readToEnd();
            assertArrayEquals(expected(content(size)), received);
            assertEquals(List.of(false, true), writability,
                    "paused above the high watermark, resumed once the file drained");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSlowReaderGetsTheWholeFileOnEveryTransport(Transport transport) throws Exception {
        int size = 4 * 1024 * 1024;
        Path file = fileOf(size);
        Protocol protocol = onFirstRead((c, now) -> {
            c.write(ascii(c, HEAD));
            c.writeFile(open(file), 0, size);
            c.write(ascii(c, TAIL));
            c.close();
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol)
                .socketOptions(SocketOptions.defaults().withBufferSizes(64 * 1024, 64 * 1024)).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.socket().setReceiveBufferSize(64 * 1024);
            client.send("go");
            // Small reads, so the server meets a full socket many times over.
            byte[] want = expected(content(size));
            for (int at = 0; at < want.length; at += 4096) {
                int n = Math.min(4096, want.length - at);
                assertArrayEquals(Arrays.copyOfRange(want, at, at + n), client.readExactly(n), "at " + at);
            }
            client.assertClosedByServer();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileTruncatedAfterQueueingAbortsTheConnection(Transport transport) throws Exception {
        int size = 100 * 1024;
        int truncatedTo = 50 * 1024;
        Path file = fileOf(size);
        AtomicReference<FileChannel> sent = new AtomicReference<>();
        StateRecorder states = new StateRecorder();
        Protocol protocol = onFirstRead((c, now) -> {
            FileChannel ch = open(file);
            sent.set(ch);
            c.write(ascii(c, HEAD));
            // Below the high watermark, so nothing is sent until the flush.
            c.writeFile(ch, 0, size);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.truncate(truncatedTo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            c.write(ascii(c, TAIL));
            c.flush();
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol).observer(states).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            byte[] received = client.readToEnd();
            // What the peer gets is the head and some of what the file still had; never the tail,
            // and never a byte the file did not hold.
            assertTrue(received.length >= HEAD.length && received.length <= HEAD.length + truncatedTo,
                    "received " + received.length);
            byte[] want = expected(content(size));
            assertArrayEquals(Arrays.copyOf(want, received.length), received);
            states.awaitClosed(1, WAIT);
            assertFalse(sent.get().isOpen(), "the short file is closed with the connection");
            assertEquals(0, server.openConnections());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRegionStillQueuedWhenTheConnectionClosesIsClosedToo(Transport transport) throws Exception {
        Path file = fileOf(64 * 1024);
        AtomicReference<FileChannel> sent = new AtomicReference<>();
        AtomicReference<Boolean> openAfterAbort = new AtomicReference<>();
        Protocol protocol = onFirstRead((c, now) -> {
            FileChannel ch = open(file);
            sent.set(ch);
            c.writeFile(ch, 0, 64 * 1024);
            c.abort();
            openAfterAbort.set(ch.isOpen());
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            client.assertClosedByServer();
        }
        assertEquals(Boolean.FALSE, openAfterAbort.get(), "abort closes the queued file at once");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileWrittenToAClosedConnectionIsClosedAtOnce(Transport transport) throws Exception {
        Path file = fileOf(1024);
        AtomicReference<Boolean> openAfterWrite = new AtomicReference<>();
        Protocol protocol = onFirstRead((c, now) -> {
            c.close();
            FileChannel ch = open(file);
            c.writeFile(ch, 0, 1024);
            openAfterWrite.set(ch.isOpen());
        });
        try (Server server = Server.builder().transport(transport).protocol(protocol).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            client.assertClosedByServer();
        }
        assertEquals(Boolean.FALSE, openAfterWrite.get());
    }
}
