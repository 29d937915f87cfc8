package io.zyphos.http2.stream;

import static io.zyphos.http2.frame.Http2ErrorCode.PROTOCOL_ERROR;
import static io.zyphos.http2.frame.Http2ErrorCode.STREAM_CLOSED;

import io.zyphos.http2.frame.Http2ErrorCode;
import java.util.Arrays;

/**
 * What a frame received on a stream does, in each state: RFC 9113 §5.1 (the state paragraphs and
 * the "closed" ones), with §6.6 for PUSH_PROMISE and §5.4.2 for RST_STREAM. Each cell is one
 * {@link Verdict}; the whole table, with its tests, is {@code ReceiveTableTest}.
 *
 * <table>
 *   <caption>Received frame by state (A: accepted, I: ignored, S: stream error, C: connection error)</caption>
 *   <tr><th>state</th><th>HEADERS</th><th>DATA</th><th>PRIORITY</th><th>RST_STREAM</th><th>WINDOW_UPDATE</th><th>PUSH_PROMISE</th></tr>
 *   <tr><td>idle</td><td>A open</td><td>C PROTOCOL</td><td>A</td><td>C PROTOCOL</td><td>C PROTOCOL</td><td>C PROTOCOL</td></tr>
 *   <tr><td>reserved (local)</td><td>C PROTOCOL</td><td>C PROTOCOL</td><td>A</td><td>A closed</td><td>A</td><td>C PROTOCOL</td></tr>
 *   <tr><td>reserved (remote)</td><td>A half-closed (local)</td><td>C PROTOCOL</td><td>A</td><td>A closed</td><td>C PROTOCOL</td><td>C PROTOCOL</td></tr>
 *   <tr><td>open</td><td>A</td><td>A</td><td>A</td><td>A closed</td><td>A</td><td>A</td></tr>
 *   <tr><td>half-closed (local)</td><td>A</td><td>A</td><td>A</td><td>A closed</td><td>A</td><td>A</td></tr>
 *   <tr><td>half-closed (remote)</td><td>S STREAM_CLOSED</td><td>S STREAM_CLOSED</td><td>A</td><td>A closed</td><td>A</td><td>C PROTOCOL</td></tr>
 *   <tr><td>closed by END_STREAM</td><td>C STREAM_CLOSED</td><td>C STREAM_CLOSED</td><td>A</td><td>I</td><td>I</td><td>C PROTOCOL</td></tr>
 *   <tr><td>closed, RST_STREAM sent</td><td>I</td><td>I</td><td>I</td><td>I</td><td>I</td><td>I</td></tr>
 *   <tr><td>closed, RST_STREAM received</td><td>S STREAM_CLOSED</td><td>S STREAM_CLOSED</td><td>A</td><td>I</td><td>S STREAM_CLOSED</td><td>S STREAM_CLOSED</td></tr>
 *   <tr><td>closed, forgotten</td><td>S STREAM_CLOSED</td><td>S STREAM_CLOSED</td><td>A</td><td>I</td><td>I</td><td>C PROTOCOL</td></tr>
 *   <tr><td>closed, never used</td><td>C PROTOCOL</td><td>C PROTOCOL</td><td>A</td><td>C PROTOCOL</td><td>C PROTOCOL</td><td>C PROTOCOL</td></tr>
 * </table>
 *
 * <p>END_STREAM on an accepted HEADERS or DATA moves the stream on once more: open to half-closed
 * (remote), half-closed (local) to closed. The cells that need a word:
 * <ul>
 *   <li>Half-closed (remote), PUSH_PROMISE: §5.1 says STREAM_CLOSED, but §6.6 says a PUSH_PROMISE
 *       on a stream neither open nor half-closed (local) is a connection PROTOCOL_ERROR; the rule
 *       of the frame's own section, the more specific, wins.</li>
 *   <li>Closed after RST_STREAM received, RST_STREAM: §5.1 makes it a stream error, but §5.4.2
 *       forbids answering RST_STREAM with RST_STREAM ("To avoid looping"), so it is ignored.</li>
 *   <li>Closed after RST_STREAM sent: §5.1 says the peer may have sent anything before it saw the
 *       reset, and "An endpoint MUST ignore frames that it receives on closed streams after it has
 *       sent a RST_STREAM frame"; it "MAY choose to limit the period". The period here is how long
 *       a {@link StreamRegistry} remembers the stream, its last
 *       {@link StreamRegistry#DEFAULT_CLOSED_STREAMS_REMEMBERED} closed streams; after that the
 *       stream is forgotten. DATA ignored still counts against the connection window (§6.9).</li>
 *   <li>Forgotten: it may have closed any of the three ways, so the answer is the mildest that
 *       still stops a peer that keeps sending: a stream error for HEADERS and DATA (as Netty and
 *       HAProxy answer), nothing for the frames every way tolerates.</li>
 *   <li>Never used (§5.1.1): the peer skipped the identifier, so a frame on it is a frame on a
 *       stream the peer never opened, a connection error as on an idle stream; and HEADERS on it
 *       opens a stream with an identifier lower than one already opened.</li>
 * </ul>
 * The columns are the {@link StreamFrame}s; the frames of the connection have no state to check.
 */
public final class ReceiveRules {

    /** The one {@link Verdict.Accept} for each state: a frame taken is every frame of every stream, so its verdicts are made once. */
    private static final Verdict.Accept[] ACCEPT = Arrays.stream(StreamState.values()).map(Verdict.Accept::new)
            .toArray(Verdict.Accept[]::new);

    static Verdict.Accept accept(StreamState next) {
        return ACCEPT[next.ordinal()];
    }

    private ReceiveRules() {
    }

    /**
     * What receiving {@code frame} on a stream in {@code state} does.
     *
     * @param endStream whether the frame (HEADERS or DATA) has the END_STREAM flag; ignored for others
     */
    public static Verdict onReceive(StreamState state, StreamFrame frame, boolean endStream) {
        return switch (state) {
            case IDLE -> switch (frame) {
                case HEADERS -> accept(StreamState.OPEN, StreamState.HALF_CLOSED_REMOTE, endStream);
                case PRIORITY -> accept(state);
                case DATA, RST_STREAM, WINDOW_UPDATE, PUSH_PROMISE ->
                        connectionError(PROTOCOL_ERROR, frame, "an idle stream", "5.1");
            };
            case RESERVED_LOCAL -> switch (frame) {
                case RST_STREAM -> accept(StreamState.CLOSED_RESET_RECEIVED);
                case PRIORITY, WINDOW_UPDATE -> accept(state);
                case HEADERS, DATA, PUSH_PROMISE ->
                        connectionError(PROTOCOL_ERROR, frame, "a reserved (local) stream", "5.1");
            };
            case RESERVED_REMOTE -> switch (frame) {
                case HEADERS -> accept(StreamState.HALF_CLOSED_LOCAL, StreamState.CLOSED, endStream);
                case RST_STREAM -> accept(StreamState.CLOSED_RESET_RECEIVED);
                case PRIORITY -> accept(state);
                case DATA, WINDOW_UPDATE, PUSH_PROMISE ->
                        connectionError(PROTOCOL_ERROR, frame, "a reserved (remote) stream", "5.1");
            };
            case OPEN -> switch (frame) {
                case HEADERS, DATA -> accept(StreamState.OPEN, StreamState.HALF_CLOSED_REMOTE, endStream);
                case RST_STREAM -> accept(StreamState.CLOSED_RESET_RECEIVED);
                case PRIORITY, WINDOW_UPDATE, PUSH_PROMISE -> accept(state);
            };
            case HALF_CLOSED_LOCAL -> switch (frame) {
                case HEADERS, DATA -> accept(StreamState.HALF_CLOSED_LOCAL, StreamState.CLOSED, endStream);
                case RST_STREAM -> accept(StreamState.CLOSED_RESET_RECEIVED);
                case PRIORITY, WINDOW_UPDATE, PUSH_PROMISE -> accept(state);
            };
            case HALF_CLOSED_REMOTE -> switch (frame) {
                case HEADERS, DATA -> streamError(frame, "a half-closed (remote) stream", "5.1");
                case RST_STREAM -> accept(StreamState.CLOSED_RESET_RECEIVED);
                case PRIORITY, WINDOW_UPDATE -> accept(state);
                case PUSH_PROMISE -> connectionError(PROTOCOL_ERROR, frame, "a half-closed (remote) stream", "6.6");
            };
            case CLOSED -> switch (frame) {
                case HEADERS, DATA -> connectionError(STREAM_CLOSED, frame, "a stream closed by END_STREAM", "5.1");
                case RST_STREAM, WINDOW_UPDATE -> new Verdict.Ignore(frame
                        + " on a stream closed by END_STREAM, sent before the peer saw it (RFC 9113 §5.1)");
                case PRIORITY -> accept(state);
                case PUSH_PROMISE -> connectionError(PROTOCOL_ERROR, frame, "a closed stream", "6.6");
            };
            case CLOSED_RESET_SENT -> new Verdict.Ignore(frame
                    + " on a stream this endpoint reset, sent before the peer saw it (RFC 9113 §5.1)");
            case CLOSED_RESET_RECEIVED -> switch (frame) {
                case RST_STREAM -> new Verdict.Ignore(
                        "RST_STREAM on a stream the peer reset: never answered with RST_STREAM (RFC 9113 §5.4.2)");
                case PRIORITY -> accept(state);
                case HEADERS, DATA, WINDOW_UPDATE, PUSH_PROMISE -> streamError(frame, "a stream the peer reset", "5.1");
            };
            case CLOSED_FORGOTTEN -> switch (frame) {
                case HEADERS, DATA -> streamError(frame, "a stream closed long ago", "5.1");
                case RST_STREAM, WINDOW_UPDATE -> new Verdict.Ignore(frame + " on a stream closed long ago (RFC 9113 §5.1)");
                case PRIORITY -> accept(state);
                case PUSH_PROMISE -> connectionError(PROTOCOL_ERROR, frame, "a closed stream", "6.6");
            };
            case CLOSED_UNUSED -> switch (frame) {
                case HEADERS -> new Verdict.ConnectionError(PROTOCOL_ERROR,
                        "HEADERS opening a stream with an identifier lower than one the peer already opened"
                                + " (RFC 9113 §5.1.1)");
                case PRIORITY -> accept(state);
                case DATA, RST_STREAM, WINDOW_UPDATE, PUSH_PROMISE ->
                        connectionError(PROTOCOL_ERROR, frame, "a stream the peer never opened", "5.1.1");
            };
        };
    }

    private static Verdict accept(StreamState withoutEndStream, StreamState withEndStream, boolean endStream) {
        return accept(endStream ? withEndStream : withoutEndStream);
    }

    private static Verdict streamError(StreamFrame frame, String where, String section) {
        return new Verdict.StreamError(STREAM_CLOSED, frame + " on " + where + " (RFC 9113 §" + section + ")");
    }

    private static Verdict connectionError(Http2ErrorCode code, StreamFrame frame, String where, String section) {
        return new Verdict.ConnectionError(code, frame + " on " + where + " (RFC 9113 §" + section + ")");
    }
}
