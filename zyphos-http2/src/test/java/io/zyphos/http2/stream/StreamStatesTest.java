package io.zyphos.http2.stream;

import static io.zyphos.http2.stream.StreamEvent.SEND_END_STREAM;
import static io.zyphos.http2.stream.StreamEvent.SEND_HEADERS;
import static io.zyphos.http2.stream.StreamEvent.SEND_PUSH_PROMISE;
import static io.zyphos.http2.stream.StreamEvent.SEND_RST_STREAM;
import static io.zyphos.http2.stream.StreamFrame.DATA;
import static io.zyphos.http2.stream.StreamFrame.HEADERS;
import static io.zyphos.http2.stream.StreamFrame.PRIORITY;
import static io.zyphos.http2.stream.StreamFrame.RST_STREAM;
import static io.zyphos.http2.stream.StreamFrame.WINDOW_UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §5.1, the life of a stream as a server sees it: one test per MUST and MUST NOT of the
 * state paragraphs, each driving a {@link StreamRegistry} with the frames a client would send and
 * the events the server would.
 */
class StreamStatesTest {

    private final StreamRegistry server = StreamRegistry.forServer();

    private String receive(int stream, StreamFrame frame, boolean endStream) {
        return VerdictText.of(server.onReceive(stream, frame, endStream));
    }

    @Test
    void aRequestAndItsResponseWalkTheDiagramFromIdleToClosed() {
        assertEquals(StreamState.IDLE, server.stateOf(1));
        assertEquals("accept OPEN", receive(1, HEADERS, false));
        assertEquals("accept HALF_CLOSED_REMOTE", receive(1, DATA, true));
        server.onSend(1, SEND_HEADERS);
        assertEquals(StreamState.HALF_CLOSED_REMOTE, server.stateOf(1));
        server.onSend(1, SEND_END_STREAM);
        assertEquals(StreamState.CLOSED, server.stateOf(1));
        assertEquals(0, server.size());
    }

    @Test
    void endStreamIsAnEventOfItsOwnAfterTheFrameThatBearsIt() {
        // §5.1: HEADERS with END_STREAM opens the stream, then half-closes it at once.
        assertEquals("accept HALF_CLOSED_REMOTE", receive(1, HEADERS, true));
        assertEquals(StreamState.OPEN, StreamState.IDLE.after(StreamEvent.RECV_HEADERS));
        assertEquals(StreamState.HALF_CLOSED_REMOTE, StreamState.OPEN.after(StreamEvent.RECV_END_STREAM));
    }

    @Test
    void idleMustTreatAnyFrameButHeadersOrPriorityAsAConnectionProtocolError() {
        assertEquals("connection PROTOCOL_ERROR", receive(1, DATA, false));
        assertEquals("connection PROTOCOL_ERROR", receive(3, RST_STREAM, false));
        assertEquals("connection PROTOCOL_ERROR", receive(5, WINDOW_UPDATE, false));
        assertEquals("accept IDLE", receive(7, PRIORITY, false));
        assertEquals(StreamState.IDLE, server.stateOf(7), "PRIORITY opens nothing");
    }

    @Test
    void idleMustTreatHeadersOnAStreamOfTheServersOwnAsAConnectionProtocolError() {
        Verdict verdict = server.onReceive(2, HEADERS, false);
        assertEquals("connection PROTOCOL_ERROR", VerdictText.of(verdict));
        assertEquals("HEADERS opening stream 2: a client's streams are odd, a server's even (RFC 9113 §5.1.1)",
                ((Verdict.ConnectionError) verdict).exception().getMessage());
    }

    @Test
    void reservedLocalMustNotSendAnythingButHeadersRstStreamOrPriority() {
        server.onReceive(1, HEADERS, true);
        server.onSend(2, SEND_PUSH_PROMISE);
        assertEquals(StreamState.RESERVED_LOCAL, server.stateOf(2));
        assertThrows(IllegalStateException.class, () -> server.onSend(2, SEND_END_STREAM));
        assertFalse(StreamState.RESERVED_LOCAL.canSendData());
        server.onSend(2, SEND_HEADERS);
        assertEquals(StreamState.HALF_CLOSED_REMOTE, server.stateOf(2));
    }

    @Test
    void reservedLocalMustTreatAnyFrameButRstStreamPriorityOrWindowUpdateAsAConnectionProtocolError() {
        server.onReceive(1, HEADERS, true);
        server.onSend(2, SEND_PUSH_PROMISE);
        assertEquals("accept RESERVED_LOCAL", receive(2, WINDOW_UPDATE, false));
        assertEquals("connection PROTOCOL_ERROR", receive(2, DATA, false));
        assertEquals("accept CLOSED_RESET_RECEIVED", receive(2, RST_STREAM, false));
    }

    @Test
    void reservedStreamsDoNotCountTowardTheConcurrencyLimit() {
        server.onReceive(1, HEADERS, true);
        server.onSend(2, SEND_PUSH_PROMISE);
        assertEquals(0, server.activeLocalStreams());
        server.onSend(2, SEND_HEADERS);
        assertEquals(1, server.activeLocalStreams());
    }

    @Test
    void halfClosedRemoteMustAnswerDataOrHeadersWithAStreamClosedStreamError() {
        receive(1, HEADERS, true);
        assertEquals("stream STREAM_CLOSED", receive(1, DATA, false));
        // The stream error closed the stream: this endpoint sends RST_STREAM, and ignores what follows.
        assertEquals(StreamState.CLOSED_RESET_SENT, server.stateOf(1));
        assertEquals("ignore", receive(1, DATA, false));
    }

    @Test
    void halfClosedRemoteStillTakesWindowUpdatePriorityAndRstStream() {
        receive(1, HEADERS, true);
        assertEquals("accept HALF_CLOSED_REMOTE", receive(1, WINDOW_UPDATE, false));
        assertEquals("accept HALF_CLOSED_REMOTE", receive(1, PRIORITY, false));
        assertEquals("accept CLOSED_RESET_RECEIVED", receive(1, RST_STREAM, false));
    }

    @Test
    void halfClosedLocalMustNotSendAnythingButWindowUpdatePriorityAndRstStream() {
        receive(1, HEADERS, false);
        server.onSend(1, SEND_HEADERS);
        server.onSend(1, SEND_END_STREAM);
        assertEquals(StreamState.HALF_CLOSED_LOCAL, server.stateOf(1));
        assertFalse(StreamState.HALF_CLOSED_LOCAL.canSendData());
        assertThrows(IllegalStateException.class, () -> server.onSend(1, SEND_HEADERS));
        assertThrows(IllegalStateException.class, () -> server.onSend(1, SEND_END_STREAM));
        server.onSend(1, SEND_RST_STREAM);
        assertEquals(StreamState.CLOSED_RESET_SENT, server.stateOf(1));
    }

    @Test
    void closedMustNotSendAnything() {
        receive(1, HEADERS, true);
        server.onSend(1, SEND_HEADERS);
        server.onSend(1, SEND_END_STREAM);
        for (StreamEvent event : new StreamEvent[] {SEND_HEADERS, SEND_END_STREAM, SEND_RST_STREAM}) {
            assertThrows(IllegalStateException.class, () -> server.onSend(1, event), event.name());
        }
    }

    @Test
    void idleMustNotBeResetByThisEndpoint() {
        assertThrows(IllegalStateException.class, () -> server.onSend(1, SEND_RST_STREAM));
        assertNull(StreamState.IDLE.after(SEND_RST_STREAM));
    }

    @Test
    void closedAfterReceivingRstStreamMustAnswerAnythingButPriorityWithAStreamClosedStreamError() {
        receive(1, HEADERS, false);
        receive(1, RST_STREAM, false);
        assertEquals("accept CLOSED_RESET_RECEIVED", receive(1, PRIORITY, false));
        assertEquals("stream STREAM_CLOSED", receive(1, WINDOW_UPDATE, false));
    }

    @Test
    void closedAfterReceivingRstStreamNeverAnswersRstStreamWithRstStream() {
        receive(1, HEADERS, false);
        receive(1, RST_STREAM, false);
        assertEquals("ignore", receive(1, RST_STREAM, false));
    }

    @Test
    void closedAfterReceivingEndStreamMustTreatDataAsAConnectionStreamClosedError() {
        receive(1, HEADERS, true);
        server.onSend(1, SEND_HEADERS);
        server.onSend(1, SEND_END_STREAM);
        assertEquals("connection STREAM_CLOSED", receive(1, DATA, false));
    }

    @Test
    void closedAfterSendingEndStreamMustIgnoreWindowUpdateAndRstStream() {
        receive(1, HEADERS, true);
        server.onSend(1, SEND_HEADERS);
        server.onSend(1, SEND_END_STREAM);
        assertEquals("ignore", receive(1, WINDOW_UPDATE, false));
        assertEquals("ignore", receive(1, RST_STREAM, false));
    }

    @Test
    void closedAfterSendingRstStreamMustIgnoreEverythingThatWasInFlight() {
        receive(1, HEADERS, false);
        server.onSend(1, SEND_RST_STREAM);
        assertEquals("ignore", receive(1, DATA, false));
        assertEquals("ignore", receive(1, HEADERS, true));
        assertEquals("ignore", receive(1, WINDOW_UPDATE, false));
        assertEquals("ignore", receive(1, RST_STREAM, false));
    }
}
