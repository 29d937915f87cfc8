package io.zyphos.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.zyphos.buffer.Buffers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Partial writes (POSIX write(2), writev(2)): a socket takes as many bytes as fit in its send
 * buffer, often fewer than offered. The write queue gathers many buffers into one call, resumes
 * exactly where the socket stopped, and releases each buffer once it is fully sent.
 */
class WriteQueueTest {

    /** A channel that takes at most {@code perCall} bytes per write, like a nearly full socket. */
    static final class TrickleChannel implements GatheringByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int perCall;
        int calls;

        TrickleChannel(int perCall) {
            this.perCall = perCall;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            calls++;
            long total = 0;
            for (int i = offset; i < offset + length && total < perCall; i++) {
                ByteBuffer b = srcs[i];
                while (b.hasRemaining() && total < perCall) {
                    received.write(b.get());
                    total++;
                }
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static ByteBuf ascii(String s) {
        return Buffers.allocator().directBuffer().writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPartialWriteResumesWhereTheSocketStopped() throws Exception {
        WriteQueue q = new WriteQueue();
        ByteBuf first = ascii("hello ");
        ByteBuf second = ascii("world");
        q.add(first);
        q.add(second);
        assertEquals(11, q.pendingBytes());
        TrickleChannel socket = new TrickleChannel(4);
        ByteBuffer[] scratch = new ByteBuffer[8];

        assertEquals(4, q.writeTo(socket, scratch));
        assertEquals(1, first.refCnt(), "a partly written buffer is kept");
        assertEquals(4, q.writeTo(socket, scratch));
        assertEquals(0, first.refCnt(), "a fully written buffer is released at once");
        assertEquals(3, q.writeTo(socket, scratch));
        assertEquals(0, second.refCnt());
        assertTrue(q.isEmpty());
        assertEquals(0, q.pendingBytes());
        assertEquals("hello world", socket.received.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void manyBuffersGoOutInOneGatheringWrite() throws Exception {
        WriteQueue q = new WriteQueue();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            q.add(ascii("part" + i + ";"));
            expected.append("part").append(i).append(';');
        }
        TrickleChannel socket = new TrickleChannel(Integer.MAX_VALUE);
        q.writeTo(socket, new ByteBuffer[64]);
        assertEquals(1, socket.calls, "one writev for all forty buffers");
        assertEquals(expected.toString(), socket.received.toString(StandardCharsets.US_ASCII));
        assertTrue(q.isEmpty());
    }

    @Test
    void aCompositeBufferIsGatheredPartByPart() throws Exception {
        WriteQueue q = new WriteQueue();
        CompositeByteBuf composite = Buffers.allocator().compositeDirectBuffer();
        composite.addComponents(true, ascii("head,"), ascii("body,"), ascii("tail"));
        q.add(composite);
        TrickleChannel socket = new TrickleChannel(Integer.MAX_VALUE);
        q.writeTo(socket, new ByteBuffer[2]);
        q.writeTo(socket, new ByteBuffer[2]);
        assertEquals("head,body,tail", socket.received.toString(StandardCharsets.US_ASCII));
        assertTrue(q.isEmpty());
        assertEquals(0, composite.refCnt());
    }

    @Test
    void releaseAllFreesWhatWasNeverSent() {
        WriteQueue q = new WriteQueue();
        ByteBuf a = ascii("never");
        ByteBuf b = ascii("sent");
        q.add(a);
        q.add(b);
        q.releaseAll();
        assertEquals(0, a.refCnt());
        assertEquals(0, b.refCnt());
        assertEquals(0, q.pendingBytes());
    }

    @Test
    void theRingGrowsPastItsFirstCapacity() throws Exception {
        WriteQueue q = new WriteQueue();
        for (int i = 0; i < 100; i++) {
            q.add(ascii(Integer.toString(i % 10)));
        }
        TrickleChannel socket = new TrickleChannel(Integer.MAX_VALUE);
        while (!q.isEmpty()) {
            q.writeTo(socket, new ByteBuffer[16]);
        }
        assertEquals("0123456789".repeat(10), socket.received.toString(StandardCharsets.US_ASCII));
    }

    private static java.nio.channels.FileChannel fileWith(java.nio.file.Path dir, String text) throws Exception {
        java.nio.file.Path f = dir.resolve("f" + text.length());
        java.nio.file.Files.writeString(f, text, StandardCharsets.US_ASCII);
        return java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ);
    }

    @Test
    void aFileRegionGoesOutInOrderBetweenBuffersAndResumesAfterAPartialTransfer(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        WriteQueue q = new WriteQueue();
        java.nio.channels.FileChannel file = fileWith(dir, "0123456789abcdef");
        q.add(ascii("<"));
        q.addFile(file, 2, 10);
        q.add(ascii(">"));
        assertEquals(12, q.pendingBytes(), "the region counts like queued buffer bytes");
        TrickleChannel socket = new TrickleChannel(4);
        ByteBuffer[] scratch = new ByteBuffer[8];
        assertEquals(1, q.writeTo(socket, scratch), "the gather stops at the region");
        assertEquals(4, q.writeTo(socket, scratch));
        assertEquals(4, q.writeTo(socket, scratch));
        assertTrue(file.isOpen(), "two bytes of the region are still to go");
        assertEquals(2, q.writeTo(socket, scratch));
        assertTrue(!file.isOpen(), "closed once its region is written");
        assertEquals(1, q.writeTo(socket, scratch));
        assertTrue(q.isEmpty());
        assertEquals("<23456789ab>", socket.received.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFileShorterThanItsRegionFailsTheWrite(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        WriteQueue q = new WriteQueue();
        java.nio.channels.FileChannel file = fileWith(dir, "short");
        q.addFile(file, 0, 8);
        TrickleChannel socket = new TrickleChannel(Integer.MAX_VALUE);
        assertEquals(5, q.writeTo(socket, new ByteBuffer[4]));
        org.junit.jupiter.api.Assertions.assertThrows(WriteQueue.FileTruncatedException.class,
                () -> q.writeTo(socket, new ByteBuffer[4]));
        q.releaseAll();
        assertTrue(!file.isOpen());
    }

    @Test
    void aSocketThatFailsDuringATransferFailsAsTheSocketNotTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        WriteQueue q = new WriteQueue();
        java.nio.channels.FileChannel file = fileWith(dir, "readable");
        q.addFile(file, 0, 10);
        java.io.IOException broken = new java.io.IOException("Broken pipe");
        GatheringByteChannel socket = new GatheringByteChannel() {
            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws java.io.IOException {
                throw broken;
            }

            @Override
            public long write(ByteBuffer[] srcs) throws java.io.IOException {
                throw broken;
            }

            @Override
            public int write(ByteBuffer src) throws java.io.IOException {
                throw broken;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        // The file still reads where the transfer stopped, so the error is the socket's, as it was.
        java.io.IOException thrown = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> q.writeTo(socket, new ByteBuffer[4]));
        assertEquals(broken, thrown);
        q.releaseAll();
    }

    @Test
    void releaseAllClosesQueuedFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        WriteQueue q = new WriteQueue();
        java.nio.channels.FileChannel file = fileWith(dir, "never sent");
        ByteBuf b = ascii("nor this");
        q.addFile(file, 0, 10);
        q.add(b);
        q.releaseAll();
        assertTrue(!file.isOpen());
        assertEquals(0, b.refCnt());
        assertEquals(0, q.pendingBytes());
    }
}
