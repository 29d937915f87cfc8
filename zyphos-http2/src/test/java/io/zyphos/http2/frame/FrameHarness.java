package io.zyphos.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link FrameDecoder} exact bytes and writes down what comes out, one line per frame
 * ({@link FrameRecorder}), and a last line "connection error CODE: message" if the decoder threw.
 *
 * <p>{@link #assertFrames} feeds each case many ways and demands the same lines every time: in one
 * buffer (direct and heap), one byte at a time, and split in two at every position. That is what
 * "a frame can be cut anywhere" means, checked on every case. After each run the decoder is closed
 * and every buffer it was given must be released: a frame held back, a field block left open, a
 * slice the decoder lent and forgot would all show here.
 */
final class FrameHarness {

    /** A server's decoder that starts at a frame header, for lessons about one frame type. */
    static final FrameDecoderConfig SERVER = FrameDecoderConfig.server().afterPreface();
    /** A client's decoder that starts at a frame header. */
    static final FrameDecoderConfig CLIENT = FrameDecoderConfig.client().afterPreface();

    /** Inputs longer than this are split at a sample of positions, not at every one. */
    private static final int SPLIT_EVERYWHERE_UP_TO = 4096;

    private FrameHarness() {}

    /** Asserts a server's decoder reads {@code input} as {@code expected}, however it is cut. */
    static void assertFrames(byte[] input, String... expected) {
        assertFrames(SERVER, input, expected);
    }

    /** Asserts {@code input} reads as {@code expected}, however it is cut. */
    static void assertFrames(FrameDecoderConfig config, byte[] input, String... expected) {
        List<String> want = List.of(expected);
        assertEquals(want, decode(config, input, true, input.length), "whole input, direct");
        assertEquals(want, decode(config, input, false, input.length), "whole input, heap");
        int step = input.length <= SPLIT_EVERYWHERE_UP_TO ? 1 : 7;
        assertEquals(want, decode(config, input, true, step), "fed " + step + " byte(s) at a time");
        int stride = input.length <= SPLIT_EVERYWHERE_UP_TO ? 1 : Math.max(1, input.length / 512);
        for (int cut = 1; cut < input.length; cut += stride) {
            assertEquals(want, decode(config, input, true, cut, input.length - cut), "split at " + cut);
        }
    }

    /** The lines a decoder gives for {@code input} fed in pieces of {@code piece} octets. */
    static List<String> decode(FrameDecoderConfig config, byte[] input, boolean direct, int piece) {
        List<Integer> sizes = new ArrayList<>();
        for (int at = 0; at < input.length; at += Math.max(1, piece)) {
            sizes.add(Math.min(piece, input.length - at));
        }
        if (sizes.isEmpty()) {
            sizes.add(0);
        }
        return decode(config, input, direct, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The lines a decoder gives for {@code input} fed in pieces of the given sizes. */
    static List<String> decode(FrameDecoderConfig config, byte[] input, boolean direct, int... pieces) {
        FrameRecorder recorder = new FrameRecorder();
        List<ByteBuf> received = new ArrayList<>();
        try (FrameDecoder decoder = new FrameDecoder(config, recorder)) {
            int at = 0;
            for (int size : pieces) {
                ByteBuf piece = direct ? Buffers.allocator().directBuffer(size) : Buffers.allocator().heapBuffer(size);
                piece.writeBytes(input, at, size);
                at += size;
                received.add(piece);
                try {
                    decoder.receive(piece);
                } catch (Http2Exception e) {
                    recorder.lines.add(e.toString());
                    assertTerminal(decoder, e, received);
                    break;
                }
            }
        }
        for (ByteBuf piece : received) {
            assertEquals(0, piece.refCnt(), "a received buffer is still held after close");
        }
        return recorder.lines;
    }

    /** After a connection error the decoder throws it again, and still releases what it is given. */
    private static void assertTerminal(FrameDecoder decoder, Http2Exception error, List<ByteBuf> received) {
        ByteBuf more = Buffers.allocator().directBuffer(1).writeByte(0);
        received.add(more);
        assertSame(error, assertThrows(Http2Exception.class, () -> decoder.receive(more)));
    }
}
