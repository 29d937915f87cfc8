package io.zyphos.http2.stream;

import static io.zyphos.http2.stream.StreamFrame.DATA;
import static io.zyphos.http2.stream.StreamFrame.HEADERS;
import static io.zyphos.http2.stream.StreamFrame.PRIORITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §5.1.1, stream identifiers: a client's are odd and a server's even, each side's only go
 * up, the first use of one closes every idle stream of that side below it, and they are never
 * reused, so a long connection runs out of them.
 */
class StreamIdentifiersTest {

    private final StreamRegistry server = StreamRegistry.forServer();

    @Test
    void streamsInitiatedByAClientMustUseOddIdentifiers() {
        assertEquals("accept OPEN", VerdictText.of(server.onReceive(1, HEADERS, false)));
        assertEquals("connection PROTOCOL_ERROR", VerdictText.of(server.onReceive(4, HEADERS, false)));
    }

    @Test
    void streamsInitiatedByAServerMustUseEvenIdentifiers() {
        server.onReceive(1, HEADERS, true);
        assertThrows(IllegalStateException.class, () -> server.onSend(3, StreamEvent.SEND_PUSH_PROMISE));
        assertEquals(2, server.nextLocalStreamId());
        server.onSend(2, StreamEvent.SEND_PUSH_PROMISE);
        assertEquals(4, server.nextLocalStreamId());
    }

    @Test
    void aNewStreamMustHaveAHigherIdentifierThanAnyTheClientOpened() {
        server.onReceive(5, HEADERS, false);
        Verdict verdict = server.onReceive(3, HEADERS, false);
        assertEquals("connection PROTOCOL_ERROR", VerdictText.of(verdict));
        assertEquals("HEADERS opening a stream with an identifier lower than one the peer already opened"
                + " (RFC 9113 §5.1.1)", ((Verdict.ConnectionError) verdict).exception().getMessage());
    }

    @Test
    void theFirstUseOfAnIdentifierClosesEveryIdleStreamBelowIt() {
        server.onReceive(7, HEADERS, false);
        assertEquals(StreamState.CLOSED_UNUSED, server.stateOf(5));
        assertEquals(StreamState.CLOSED_UNUSED, server.stateOf(1));
        assertEquals(StreamState.IDLE, server.stateOf(9));
        assertEquals("connection PROTOCOL_ERROR", VerdictText.of(server.onReceive(5, DATA, false)),
                "DATA on a stream the client skipped");
        assertEquals("accept CLOSED_UNUSED", VerdictText.of(server.onReceive(3, PRIORITY, false)));
    }

    @Test
    void identifiersAreNeverReused() {
        server.onReceive(1, HEADERS, true);
        server.onSend(1, StreamEvent.SEND_HEADERS);
        server.onSend(1, StreamEvent.SEND_END_STREAM);
        assertEquals("connection STREAM_CLOSED", VerdictText.of(server.onReceive(1, HEADERS, false)));
    }

    @Test
    void aServerThatRunsOutOfIdentifiersCanOnlyGoAway() {
        StreamRegistry client = StreamRegistry.forClient(100, 65_535);
        client.onSend(Integer.MAX_VALUE, StreamEvent.SEND_HEADERS);
        assertEquals(-1, client.nextLocalStreamId());
    }

    @Test
    void aGoAwayNamesTheHighestStreamTakenOnAndLaterStreamsAreIgnored() {
        server.onReceive(1, HEADERS, true);
        server.onReceive(3, HEADERS, true);
        assertEquals(3, server.lastPeerStreamId());
        server.onGoAwaySent(server.lastPeerStreamId());
        assertEquals("ignore", VerdictText.of(server.onReceive(5, HEADERS, false)));
        assertEquals("ignore", VerdictText.of(server.onReceive(5, DATA, true)));
        assertEquals(3, server.lastPeerStreamId(), "RFC 9113 §6.8");
        assertEquals(5, server.highestPeerStreamId());
    }
}
