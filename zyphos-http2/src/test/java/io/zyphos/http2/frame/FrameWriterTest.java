package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.ByteBufs.ascii;
import static io.zyphos.http2.frame.ByteBufs.wrap;
import static io.zyphos.http2.frame.FrameHarness.CLIENT;
import static io.zyphos.http2.frame.FrameHarness.SERVER;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The sending side of RFC 9113 §4 and §6: what {@link FrameWriter} writes, the decoder reads back
 * as the same frames, whatever the type; each record's {@code encodedLength()} is the octets
 * written; field blocks larger than the peer's frame size go out as HEADERS (or PUSH_PROMISE) and
 * CONTINUATION frames (§6.10); DATA can be sent as a 9-octet header in front of a buffer that is
 * never copied.
 */
class FrameWriterTest {

    private final FrameWriter writer = new FrameWriter();

    @Test
    void everyFrameAServerReadsRoundTrips() {
        roundTrip(SERVER, List.of(
                new DataFrame(1, ascii("hello"), 0, false),
                new DataFrame(1, ascii("padded"), 7, true),
                new DataFrame(3, ascii(""), 256, true),
                new HeadersFrame(3, null, wrap(bytes("8286")), 0, true, false),
                new HeadersFrame(5, new StreamPriority(true, 3, 256), wrap(bytes("828684")), 4, true, true),
                new PriorityFrame(7, new StreamPriority(false, 0, 1)),
                new RstStreamFrame(3, Http2ErrorCode.CANCEL.code()),
                new SettingsFrame(false, Http2Settings.defaults().with(Http2Setting.MAX_CONCURRENT_STREAMS, 100)
                        .with(Http2Setting.INITIAL_WINDOW_SIZE, 1 << 20).with(Http2Setting.NO_RFC7540_PRIORITIES, 1)),
                SettingsFrame.ACK,
                new PingFrame(false, 0x0102030405060708L),
                new PingFrame(true, -1L),
                new GoAwayFrame(7, Http2ErrorCode.NO_ERROR.code(), ascii("shutting down")),
                new WindowUpdateFrame(0, 1 << 20),
                new WindowUpdateFrame(1, 0x7FFF_FFFF),
                new PriorityUpdateFrame(5, ascii("u=1, i"))));
    }

    @Test
    void everyFrameAClientReadsRoundTrips() {
        roundTrip(CLIENT, List.of(
                new SettingsFrame(false, Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 0)),
                new PushPromiseFrame(1, 2, wrap(bytes("828784")), 0, true),
                new PushPromiseFrame(1, 4, wrap(bytes("8287")), 10, true),
                new GoAwayFrame(0, 0xABCD, ascii(""))));
    }

    @Test
    void recordsOfAFieldBlockAndItsContinuationsReadAsTheWholeBlock() {
        List<Http2Frame> frames = List.of(
                new HeadersFrame(1, null, wrap(bytes("82")), 3, false, true),
                new ContinuationFrame(1, wrap(bytes("86")), false),
                new ContinuationFrame(1, wrap(bytes("84")), true));
        assertFrames(SERVER, write(frames), "HEADERS stream=1 block=0x828684 padding=3 END_STREAM");
    }

    @Test
    void aFieldBlockLargerThanTheFrameSizeIsCutIntoContinuations() {
        byte[] block = pattern(40_000);
        byte[] wire = write(out -> writer.writeHeaders(out, 1, wrap(block), true));
        assertEquals(List.of(
                "HEADERS length=16384 flags=0x01 stream=1",
                "CONTINUATION length=16384 flags=0x00 stream=1",
                "CONTINUATION length=7232 flags=0x04 stream=1"), frameHeaders(wire));
        assertFrames(SERVER.withHeaderBlockLimits(1 << 16, 2), wire,
                "HEADERS stream=1 block=0x" + HexFormat.of().formatHex(block) + " END_STREAM");
    }

    @Test
    void thePriorityFieldsTakeRoomInTheFirstFrame() {
        byte[] wire = write(out -> writer.writeHeaders(out, 3, new StreamPriority(false, 1, 16), wrap(pattern(16_384)),
                false));
        assertEquals(List.of(
                "HEADERS length=16384 flags=0x20 stream=3",
                "CONTINUATION length=5 flags=0x04 stream=3"), frameHeaders(wire));
    }

    @Test
    void aBlockThatFitsIsOneFrameWithEndHeadersEvenWhenEmpty() {
        assertEquals(List.of("HEADERS length=16384 flags=0x04 stream=1"),
                frameHeaders(write(out -> writer.writeHeaders(out, 1, wrap(pattern(16_384)), false))));
        assertArrayEquals(bytes("000000 01 05 00000001"), write(out -> writer.writeHeaders(out, 1, ascii(""), true)));
    }

    @Test
    void aPeerThatTakesLargerFramesGetsFewerOfThem() {
        writer.maxFrameSize(32_768);
        assertEquals(List.of(
                "HEADERS length=32768 flags=0x00 stream=1",
                "CONTINUATION length=7232 flags=0x04 stream=1"),
                frameHeaders(write(out -> writer.writeHeaders(out, 1, wrap(pattern(40_000)), false))));
    }

    @Test
    void aPushPromiseIsCutTheSameWay() {
        byte[] wire = write(out -> writer.writePushPromise(out, 1, 2, wrap(pattern(20_000))));
        assertEquals(List.of(
                "PUSH_PROMISE length=16384 flags=0x00 stream=1",
                "CONTINUATION length=3620 flags=0x04 stream=1"), frameHeaders(wire));
        assertFrames(CLIENT, wire, "PUSH_PROMISE stream=1 promised=2 block=0x" + HexFormat.of().formatHex(pattern(20_000)));
    }

    @Test
    void dataGoesOutAsANineOctetHeaderInFrontOfTheCallersBuffer() {
        byte[] header = write(out -> writer.writeDataHeader(out, 3, 5, true));
        assertArrayEquals(bytes("000005 00 01 00000003"), header);
        assertFrames(Hex.concat(header, "hello".getBytes(StandardCharsets.US_ASCII)),
                "DATA stream=3 data=\"hello\" END_STREAM");
    }

    @Test
    void reservedBitsUnusedFlagsAndPaddingAreWrittenAsZeros() {
        assertArrayEquals(bytes("000004 08 00 00000001 7fffffff"),
                write(out -> writer.writeWindowUpdate(out, 1, 0x7FFF_FFFF)));
        assertArrayEquals(bytes("000008 07 00 00000000 00000005 0000000b"),
                write(out -> writer.writeGoAway(out, 5, Http2ErrorCode.ENHANCE_YOUR_CALM.code(), Unpooled.EMPTY_BUFFER)));
        assertArrayEquals(bytes("000005 00 08 00000001 02 6869 0000"),
                write(out -> writer.writeData(out, 1, ascii("hi"), 3, false)));
        assertArrayEquals(bytes("000005 02 00 00000003 80000001 0f"),
                write(out -> writer.writePriority(out, 3, new StreamPriority(true, 1, 16))));
        assertArrayEquals(bytes("000000 04 01 00000000"), write(writer::writeSettingsAck));
    }

    @Test
    void theWriterHoldsFramesToThePeersMaximum() {
        ByteBuf out = Buffers.allocator().heapBuffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> writer.writeDataHeader(out, 1, 16_385, false));
            assertThrows(IllegalArgumentException.class, () -> writer.writeData(out, 1, wrap(pattern(16_384)), 1, false));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.write(out, new GoAwayFrame(0, 0, wrap(pattern(16_377)))));
            assertEquals(0, out.readableBytes(), "nothing written for a refused frame");
            writer.maxFrameSize(1 << 20);
            writer.writeDataHeader(out, 1, 16_385, false);
            assertEquals(9, out.readableBytes());
            assertThrows(IllegalArgumentException.class, () -> writer.maxFrameSize(1 << 24));
        } finally {
            out.release();
        }
    }

    @Test
    void valuesNoFrameCanCarryAreRefusedLocally() {
        assertThrows(IllegalArgumentException.class, () -> new DataFrame(0, ascii("x"), 0, false));
        assertThrows(IllegalArgumentException.class, () -> new DataFrame(1, ascii("x"), 257, false));
        assertThrows(IllegalArgumentException.class, () -> new WindowUpdateFrame(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StreamPriority(false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StreamPriority(false, 1, 257));
        assertThrows(IllegalArgumentException.class, () -> new StreamPriority(false, -1, 16));
        assertThrows(IllegalArgumentException.class, () -> new RstStreamFrame(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new RstStreamFrame(1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new PushPromiseFrame(1, 0, ascii(""), 0, true));
        assertThrows(IllegalArgumentException.class, () -> new PriorityUpdateFrame(0, ascii("u=1")));
        assertThrows(IllegalArgumentException.class,
                () -> new SettingsFrame(true, Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 0)));
        ByteBuf out = Buffers.allocator().heapBuffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> writer.writeWindowUpdate(out, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.writeRstStream(out, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.writeHeaders(out, 0, ascii(""), true));
        } finally {
            out.release();
        }
    }

    /** Writes each frame, checking it takes its {@code encodedLength()}, and reads them back. */
    private void roundTrip(FrameDecoderConfig config, List<Http2Frame> frames) {
        assertFrames(config, write(frames), frames.stream().map(FrameRecorder::describe).toArray(String[]::new));
    }

    private byte[] write(List<Http2Frame> frames) {
        return write(out -> {
            for (Http2Frame frame : frames) {
                int before = out.writerIndex();
                writer.write(out, frame);
                assertEquals(frame.encodedLength(), out.writerIndex() - before, frame.toString());
            }
        });
    }

    private static byte[] write(Consumer<ByteBuf> writes) {
        ByteBuf out = Buffers.allocator().directBuffer();
        try {
            writes.accept(out);
            return ByteBufs.toArray(out);
        } finally {
            out.release();
        }
    }

    /** One line per frame header found in {@code wire}. */
    private static List<String> frameHeaders(byte[] wire) {
        List<String> headers = new ArrayList<>();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        while (in.isReadable()) {
            int length = in.readUnsignedMedium();
            FrameType type = FrameType.forCode(in.readUnsignedByte());
            int flags = in.readUnsignedByte();
            int stream = in.readInt();
            headers.add(type + " length=" + length + String.format(" flags=0x%02x", flags) + " stream=" + stream);
            in.skipBytes(length);
        }
        return headers;
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
