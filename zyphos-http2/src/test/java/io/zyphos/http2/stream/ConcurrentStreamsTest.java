package io.zyphos.http2.stream;

import static io.zyphos.http2.stream.StreamFrame.DATA;
import static io.zyphos.http2.stream.StreamFrame.HEADERS;
import static io.zyphos.http2.stream.StreamFrame.RST_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §5.1.2, stream concurrency: open and half-closed streams count toward the peer's
 * SETTINGS_MAX_CONCURRENT_STREAMS, reserved ones do not; a HEADERS past the limit this endpoint
 * advertised is refused with REFUSED_STREAM, which tells the client it may retry (§8.7). Also the
 * registry's bounded memory of closed streams.
 */
class ConcurrentStreamsTest {

    @Test
    void headersPastTheAdvertisedLimitMustBeAStreamErrorRefusedStream() {
        StreamRegistry server = StreamRegistry.forServer(2, 65_535);
        server.onReceive(1, HEADERS, false);
        server.onReceive(3, HEADERS, true);
        Verdict verdict = server.onReceive(5, HEADERS, false);
        assertEquals("stream REFUSED_STREAM", VerdictText.of(verdict));
        assertEquals("stream error on stream 5 REFUSED_STREAM: HEADERS opening stream 5 past"
                + " SETTINGS_MAX_CONCURRENT_STREAMS of 2 (RFC 9113 §5.1.2)",
                ((Verdict.StreamError) verdict).exception(5).toString());
        assertEquals(2, server.activePeerStreams());
        assertEquals(3, server.lastPeerStreamId(), "a refused stream was not taken on");
        assertEquals("ignore", VerdictText.of(server.onReceive(5, DATA, true)), "what was in flight on it");
    }

    @Test
    void aStreamThatClosesMakesRoomForTheNext() {
        StreamRegistry server = StreamRegistry.forServer(1, 65_535);
        server.onReceive(1, HEADERS, false);
        server.onReceive(1, RST_STREAM, false);
        assertEquals(0, server.activePeerStreams());
        assertEquals("accept OPEN", VerdictText.of(server.onReceive(3, HEADERS, false)));
    }

    @Test
    void halfClosedStreamsCount() {
        StreamRegistry server = StreamRegistry.forServer(1, 65_535);
        server.onReceive(1, HEADERS, true);
        assertEquals(StreamState.HALF_CLOSED_REMOTE, server.stateOf(1));
        assertEquals("stream REFUSED_STREAM", VerdictText.of(server.onReceive(3, HEADERS, true)));
    }

    @Test
    void anEndpointMustNotExceedTheLimitItsPeerSet() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, HEADERS, true);
        server.onPeerSettings(Http2Settings.defaults().with(Http2Setting.MAX_CONCURRENT_STREAMS, 1));
        server.onSend(2, StreamEvent.SEND_PUSH_PROMISE);
        server.onSend(4, StreamEvent.SEND_PUSH_PROMISE);
        server.onSend(2, StreamEvent.SEND_HEADERS);
        assertFalse(server.canOpenLocalStream());
        assertThrows(IllegalStateException.class, () -> server.onSend(4, StreamEvent.SEND_HEADERS));
        server.onSend(2, StreamEvent.SEND_END_STREAM);
        assertTrue(server.canOpenLocalStream());
        server.onSend(4, StreamEvent.SEND_HEADERS);
    }

    @Test
    void closedStreamsAreRememberedUpToABoundThenForgotten() {
        StreamRegistry server = StreamRegistry.forServer(100, 65_535, 4, WindowUpdatePolicy.HALF);
        for (int id = 1; id <= 11; id += 2) {
            server.onReceive(id, HEADERS, false);
            server.onSend(id, StreamEvent.SEND_RST_STREAM);
        }
        assertEquals(StreamState.CLOSED_FORGOTTEN, server.stateOf(1));
        assertEquals(StreamState.CLOSED_FORGOTTEN, server.stateOf(3));
        assertEquals(StreamState.CLOSED_RESET_SENT, server.stateOf(5));
        assertEquals(StreamState.CLOSED_RESET_SENT, server.stateOf(11));
        assertEquals("ignore", VerdictText.of(server.onReceive(5, DATA, false)));
        assertEquals("stream STREAM_CLOSED", VerdictText.of(server.onReceive(1, DATA, false)),
                "past the period §5.1 lets an endpoint limit");
        assertEquals(0, server.size());
    }

    @Test
    void aLateStreamErrorOnAForgottenStreamIsAnsweredOnce() {
        StreamRegistry server = StreamRegistry.forServer(100, 65_535, 1, WindowUpdatePolicy.HALF);
        server.onReceive(1, HEADERS, false);
        server.onSend(1, StreamEvent.SEND_RST_STREAM);
        server.onReceive(3, HEADERS, false);
        server.onSend(3, StreamEvent.SEND_RST_STREAM);
        assertEquals("stream STREAM_CLOSED", VerdictText.of(server.onReceive(1, DATA, false)));
        assertEquals("ignore", VerdictText.of(server.onReceive(1, DATA, false)), "this endpoint reset it just now");
    }
}
