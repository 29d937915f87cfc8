package io.zyphos.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Connection;
import io.zyphos.server.Limits;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TestProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.TlsClients;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Connection.writeFile} under TLS: sendfile cannot encrypt, so the region is read into
 * pooled buffers and encrypted record by record, the next piece only once the write queue has
 * drained below the low watermark. Small watermarks here make an 8 MiB file go out in hundreds of
 * refills; it arrives byte for byte, in order between the buffers written around it, before the
 * close_notify that follows, and its file is closed once sent.
 */
class TlsFileWriteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SSLContext CLIENT = TlsClients.trusting(TlsServers.LOCALHOST.certificate());

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLargeFileGoesOutEncryptedByteForByteBetweenTheWritesAroundIt(Transport transport) throws Exception {
        byte[] content = new byte[8 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >>> 11));
        }
        Path file = dir.resolve("large");
        Files.write(file, content);
        AtomicReference<FileChannel> sent = new AtomicReference<>();
        TestProtocol protocol = new TestProtocol("file", c -> new ProtocolHandler() {
            @Override
            public void onRead(ByteBuf in, long nowNanos) {
                in.skipBytes(in.readableBytes());
                try {
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    sent.set(channel);
                    write(c, "head\n");
                    c.writeFile(channel, 0, content.length);
                    write(c, "tail\n");
                    c.flush();
                    c.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        StateRecorder states = new StateRecorder();
        Limits small = Limits.defaults().withWriteWaterMarks(16 * 1024, 64 * 1024);
        try (Server server = Server.builder().transport(transport).limits(small).observer(states)
                .tls(TlsServers.config().build()).protocol(protocol).start();
             LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3")) {
            client.send("go");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes("head\n".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(content);
            expected.writeBytes("tail\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(expected.toByteArray(), client.readToEnd());
            states.awaitClosed(1, WAIT);
            assertFalse(sent.get().isOpen(), "the file is closed once its region is sent");
        }
    }

    private static void write(Connection c, String ascii) {
        c.write(c.alloc().buffer().writeBytes(ascii.getBytes(StandardCharsets.US_ASCII)));
    }
}
