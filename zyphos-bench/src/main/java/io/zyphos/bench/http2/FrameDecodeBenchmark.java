package io.zyphos.bench.http2;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.http2.frame.FrameDecoder;
import io.zyphos.http2.frame.FrameDecoderConfig;
import io.zyphos.http2.frame.FrameListener;
import io.zyphos.http2.frame.FrameWriter;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decodes a fixed mix of HTTP/2 frames with {@link FrameDecoder}, as a server reads them from a
 * client: the client's SETTINGS and the ACK of the server's, a connection WINDOW_UPDATE, then for
 * each of 8 streams a HEADERS frame (a 120-octet field block), two DATA frames of 1 KiB, one of
 * 16 KiB with END_STREAM and a stream WINDOW_UPDATE, and a PING and a PING ACK: {@value #FRAMES}
 * frames, 148,891 octets. Scores are per frame ({@code @OperationsPerInvocation}), so the GC profiler's
 * B/op is bytes per frame too.
 *
 * <p>{@code read} is how the mix arrives: {@code whole}, one buffer, every frame whole in it and
 * handed to the listener as a slice; or cut into reads of 16,384 or 4,096 octets, as a socket hands
 * them over, where each frame cut by a read boundary is gathered into a pooled buffer first (a
 * 16 KiB DATA frame always is, at 4,096). The reads are pooled direct buffers, rewound and retained
 * for each pass, allocated once.
 *
 * <p>The listener touches the first byte of every payload it is lent and counts the frames; a
 * count other than {@value #FRAMES} per pass fails the run. Netty's {@code DefaultHttp2FrameReader}
 * would be the like-for-like comparison; it is not run beside this one yet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class FrameDecodeBenchmark {

    /** Frames in one pass of the mix. */
    static final int FRAMES = 3 + 8 * 5 + 2;

    @Param({"whole", "16384", "4096"})
    public String read;

    private final Counter counter = new Counter();
    private ByteBuf[] reads;
    private FrameDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] mix = mix();
        int size = read.equals("whole") ? mix.length : Integer.parseInt(read);
        List<ByteBuf> cut = new ArrayList<>();
        for (int at = 0; at < mix.length; at += size) {
            int n = Math.min(size, mix.length - at);
            cut.add(Buffers.allocator().directBuffer(n, n).writeBytes(mix, at, n));
        }
        reads = cut.toArray(ByteBuf[]::new);
        decoder = new FrameDecoder(FrameDecoderConfig.server().afterPreface(), counter);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
        for (ByteBuf r : reads) {
            r.release();
        }
    }

    /** One pass over the mix; the score is per frame. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        long before = counter.frames;
        for (ByteBuf r : reads) {
            decoder.receive(r.readerIndex(0).retain());
        }
        if (counter.frames - before != FRAMES) {
            throw new IllegalStateException((counter.frames - before) + " frames, expected " + FRAMES);
        }
        return counter.checksum;
    }

    /** The frames above, as {@link FrameWriter} writes them. */
    static byte[] mix() {
        FrameWriter writer = new FrameWriter();
        ByteBuf out = Buffers.allocator().heapBuffer();
        ByteBuf block = Buffers.allocator().heapBuffer();
        ByteBuf kib = Buffers.allocator().heapBuffer();
        ByteBuf sixteenKib = Buffers.allocator().heapBuffer();
        try {
            for (int i = 0; i < 120; i++) {
                block.writeByte(0x80 | i);
            }
            kib.writeZero(1024);
            sixteenKib.writeZero(16 * 1024);
            writer.writeSettings(out, Http2Settings.defaults().with(Http2Setting.HEADER_TABLE_SIZE, 65_536)
                    .with(Http2Setting.ENABLE_PUSH, 0).with(Http2Setting.INITIAL_WINDOW_SIZE, 6_291_456));
            writer.writeSettingsAck(out);
            writer.writeWindowUpdate(out, 0, 15_663_105);
            for (int stream = 1; stream <= 15; stream += 2) {
                writer.writeHeaders(out, stream, block, false);
                writer.writeData(out, stream, kib, 0, false);
                writer.writeData(out, stream, kib, 0, false);
                writer.writeData(out, stream, sixteenKib, 0, true);
                writer.writeWindowUpdate(out, stream, 17_408);
            }
            writer.writePing(out, false, 0x0102030405060708L);
            writer.writePing(out, true, 42);
            byte[] mix = new byte[out.readableBytes()];
            out.readBytes(mix);
            return mix;
        } finally {
            out.release();
            block.release();
            kib.release();
            sixteenKib.release();
        }
    }

    /** Counts frames and reads a byte of each payload, as an engine at least would. */
    static final class Counter implements FrameListener {
        long frames;
        long checksum;

        @Override
        public void onData(int streamId, ByteBuf data, int padding, boolean endStream) {
            frames++;
            checksum += data.readableBytes() + (data.isReadable() ? data.getByte(data.readerIndex()) : 0);
        }

        @Override
        public void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency,
                int weight, boolean exclusive) {
            frames++;
            checksum += headerBlock.readableBytes() + headerBlock.getByte(headerBlock.readerIndex());
        }

        @Override
        public void onPriority(int streamId, int dependency, int weight, boolean exclusive) {
            frames++;
        }

        @Override
        public void onRstStream(int streamId, long errorCode) {
            frames++;
        }

        @Override
        public void onSettings(Http2Settings settings) {
            frames++;
            checksum += settings.initialWindowSize();
        }

        @Override
        public void onSettingsAck() {
            frames++;
        }

        @Override
        public void onPushPromise(int streamId, int promisedStreamId, ByteBuf headerBlock, int padding) {
            frames++;
        }

        @Override
        public void onPing(long opaqueData) {
            frames++;
            checksum += opaqueData;
        }

        @Override
        public void onPingAck(long opaqueData) {
            frames++;
            checksum += opaqueData;
        }

        @Override
        public void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData) {
            frames++;
        }

        @Override
        public void onWindowUpdate(int streamId, int increment) {
            frames++;
            checksum += increment;
        }

        @Override
        public void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue) {
            frames++;
        }

        @Override
        public void onStreamError(Http2Exception error) {
            throw error;
        }
    }
}
