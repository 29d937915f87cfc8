package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * A connection in steady state opens and closes a stream per request; the registry reuses the
 * objects of streams its owner gave back ({@link StreamRegistry#recycle}), so a request costs no
 * stream object, no windows. A reused stream is as good as new: its identifier, its state, full
 * windows and no attachment. An open stream is never taken back.
 */
class StreamRecyclingTest {

    @Test
    void aClosedStreamGivenBackBecomesTheNextStreamWithFreshWindows() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, true);
        Http2Stream first = server.stream(1);
        first.attachment("engine state");
        first.sendWindow().consume(1000);
        first.receiveWindow().onData(500, 0, 1);
        server.onSend(1, StreamEvent.SEND_HEADERS);
        server.onSend(1, StreamEvent.SEND_END_STREAM);
        server.recycle(first);

        server.onReceive(3, StreamFrame.HEADERS, false);
        Http2Stream second = server.stream(3);
        assertSame(first, second, "the object is reused");
        assertEquals(3, second.id());
        assertEquals(StreamState.OPEN, second.state());
        assertEquals(FlowControlWindow.DEFAULT_INITIAL_WINDOW, second.sendWindow().available());
        assertEquals(FlowControlWindow.DEFAULT_INITIAL_WINDOW, second.receiveWindow().available());
        assertNull(second.attachment());
        assertNull(server.stream(1), "stream 1 stays closed");
    }

    @Test
    void anOpenStreamIsNotTakenBack() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, false);
        Http2Stream open = server.stream(1);
        server.recycle(open);
        server.onReceive(3, StreamFrame.HEADERS, false);
        assertNotSame(open, server.stream(3));
        assertSame(open, server.stream(1));
    }
}
