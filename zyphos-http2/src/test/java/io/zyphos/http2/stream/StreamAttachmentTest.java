package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * A connection engine keeps its own state for each stream (a send queue, a priority) on the
 * registry's {@link Http2Stream}, so that a frame on a stream costs one lookup by identifier, not
 * two. The registry carries the attachment and never touches it.
 */
class StreamAttachmentTest {

    @Test
    void whatTheEngineAttachesTravelsWithTheStreamUntilItCloses() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, false);
        Http2Stream stream = server.stream(1);
        assertNull(stream.attachment(), "a new stream has none");
        Object queue = new Object();
        stream.attachment(queue);
        server.onReceive(1, StreamFrame.DATA, true);
        assertSame(queue, server.stream(1).attachment(), "the same object after a transition");
        server.onSend(1, StreamEvent.SEND_HEADERS);
        server.onSend(1, StreamEvent.SEND_END_STREAM);
        assertNull(server.stream(1), "a closed stream is no longer kept");
        assertSame(queue, stream.attachment(), "and the registry did not clear it: the engine does");
    }
}
