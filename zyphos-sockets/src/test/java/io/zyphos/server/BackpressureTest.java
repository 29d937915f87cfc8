package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.TestProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Roadmap milestone 21, backpressure on an event loop: a client that does not read fills the
 * socket's send buffer, then the write queue. Past the high watermark the connection stops reading
 * and the handler is told to stop producing; once the client reads and the queue drains below the
 * low watermark, both resume. Nothing is lost and memory stays bounded.
 */
class BackpressureTest {

    private static final int CHUNK = 16 * 1024;
    private static final int TOTAL = 8 * 1024 * 1024;

    @Test
    void aSlowReaderPausesTheProducerAndLosesNothing() throws Exception {
        List<Boolean> writability = new CopyOnWriteArrayList<>();
        long[] maxQueued = new long[1];
        Protocol producer = new TestProtocol("producer", c -> {
            return new ProtocolHandler() {
                int sent;

                @Override
                public void onRead(ByteBuf in, long nowNanos) {
                    in.skipBytes(in.readableBytes());
                    produce();
                }

                /** Writes chunks while the connection is writable: the well-behaved producer. */
                private void produce() {
                    while (c.isWritable() && sent < TOTAL) {
                        // One bulk write per chunk: the leak detector records every access.
                        byte[] bytes = new byte[CHUNK];
                        for (int i = 0; i < CHUNK; i++) {
                            bytes[i] = (byte) ((sent + i) & 0x7f);
                        }
                        sent += CHUNK;
                        c.write(c.alloc().buffer(CHUNK).writeBytes(bytes));
                        maxQueued[0] = Math.max(maxQueued[0], c.pendingWriteBytes());
                    }
                    c.flush();
                    if (sent >= TOTAL) {
                        c.close();
                    }
                }

                @Override
                public void onWritabilityChanged(boolean writable) {
                    writability.add(writable);
                    if (writable) {
                        produce();
                    }
                }
            };
        });
        Limits limits = Limits.defaults().withWriteWaterMarks(64 * 1024, 256 * 1024);
        try (Server server = Server.builder().transport(Transport.NIO).protocol(producer).limits(limits)
                .socketOptions(SocketOptions.defaults().withBufferSizes(64 * 1024, 64 * 1024)).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            byte[] all = client.readToEnd();
            assertEquals(TOTAL, all.length);
            byte[] expected = new byte[TOTAL];
            for (int i = 0; i < TOTAL; i++) {
                expected[i] = (byte) (i & 0x7f);
            }
            assertArrayEquals(expected, all);
            assertFalse(writability.isEmpty(), "the producer was paused at least once");
            assertEquals(Boolean.FALSE, writability.getFirst());
            assertTrue(server.metrics().snapshot().get("zyphos_read_pauses_total") >= 1);
            // The queue never ran far past the high watermark: one chunk at most.
            assertTrue(maxQueued[0] <= limits.writeHighWaterMark() + CHUNK, "queued at most " + maxQueued[0]);
            List<Boolean> alternating = new ArrayList<>(writability);
            for (int i = 1; i < alternating.size(); i++) {
                assertTrue(alternating.get(i) != alternating.get(i - 1), "pause and resume alternate");
            }
        }
    }
}
