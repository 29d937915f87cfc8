package io.zyphos.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leak check every test runs under: a buffer dropped without {@code release()} is found, and
 * one released is not. Without this check, "no leaked buffer" would be a claim, not a test.
 */
class BufferLeakExtensionTest {

    @Test
    void aReleasedBufferIsNotALeak() {
        ByteBuf buf = Buffers.allocator().directBuffer(64);
        buf.writeLong(42);
        buf.release();
        assertEquals(List.of(), BufferLeakExtension.collectLeaks());
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReported() {
        allocateAndDrop();
        List<String> leaks = List.of();
        // The collector may need more than one pass to clear the buffer's last reference.
        for (int attempt = 0; attempt < 10 && leaks.isEmpty(); attempt++) {
            leaks = BufferLeakExtension.collectLeaks();
        }
        assertEquals(1, leaks.size(), "the dropped buffer is reported exactly once");
        assertTrue(leaks.getFirst().contains("allocateAndDrop"), "the report says where it was touched");
    }

    private static void allocateAndDrop() {
        ByteBuf buf = Buffers.allocator().directBuffer(64);
        buf.writeInt(7);
        buf.touch("allocateAndDrop");
    }
}
