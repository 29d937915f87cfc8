package io.zyphos.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever bytes arrive, however they are cut, the decoder answers only with frames, stream
 * errors and at most one connection error, last: no other exception escapes, no buffer leaks
 * (every buffer it was given is released once it is closed), nothing loops (each line costs at
 * least a 9-octet frame header), and the lines are the same whether the bytes come whole in a
 * direct buffer or in pieces, direct or heap. The lesson for roadmap milestone 23.
 *
 * <p>The first byte of each input chooses how to run it; the rest are the bytes on the wire:
 * bits 0-3 the piece size minus one, bit 4 feeds the pieces in heap buffers, bit 5 uses tiny field
 * block limits (64 octets, 2 CONTINUATION frames), bit 6 a client's
 * decoder (else a server's), bit 7 expects the connection preface. A plain {@code mvn test}
 * replays the seeds under
 * {@code src/test/resources/io/zyphos/http2/frame/FrameDecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * searches for new inputs (see the module README).
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveFramesAndAtMostOneConnectionError(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int mode = data[0] & 0xFF;
        byte[] wire = Arrays.copyOfRange(data, 1, data.length);
        FrameDecoderConfig config = (mode & 0x40) != 0 ? FrameDecoderConfig.client() : FrameDecoderConfig.server();
        if ((mode & 0x80) == 0) {
            config = config.afterPreface();
        }
        if ((mode & 0x20) != 0) {
            config = config.withHeaderBlockLimits(64, 2);
        }
        boolean heapPieces = (mode & 0x10) != 0;
        int piece = (mode & 0x0F) + 1;

        List<String> whole = FrameHarness.decode(config, wire, true, Math.max(1, wire.length));
        List<String> inPieces = FrameHarness.decode(config, wire, !heapPieces, piece);
        assertEquals(whole, inPieces, "whole against pieces of " + piece + (heapPieces ? " in heap buffers" : ""));
        assertTrue(whole.size() <= wire.length / 9 + 1, whole.size() + " lines from " + wire.length + " octets");
        for (int i = 0; i < whole.size() - 1; i++) {
            assertTrue(!whole.get(i).startsWith("connection error"), "a connection error is the last line");
        }
    }
}
