package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §5.1, every frame a stream can receive in every state it can be in, one line each: what
 * {@link ReceiveRules} answers. "+ES" is the frame with END_STREAM. Read it beside the state
 * paragraphs of §5.1; the cells that needed a choice are explained in {@link ReceiveRules}.
 */
class ReceiveTableTest {

    private static final String TABLE = """
            IDLE                  HEADERS        accept OPEN                  // §5.1 idle: HEADERS opens
            IDLE                  HEADERS+ES     accept HALF_CLOSED_REMOTE
            IDLE                  DATA           connection PROTOCOL_ERROR    // anything but HEADERS or PRIORITY
            IDLE                  DATA+ES        connection PROTOCOL_ERROR
            IDLE                  PRIORITY       accept IDLE
            IDLE                  RST_STREAM     connection PROTOCOL_ERROR
            IDLE                  WINDOW_UPDATE  connection PROTOCOL_ERROR
            IDLE                  PUSH_PROMISE   connection PROTOCOL_ERROR

            RESERVED_LOCAL        HEADERS        connection PROTOCOL_ERROR    // only RST_STREAM, PRIORITY, WINDOW_UPDATE
            RESERVED_LOCAL        HEADERS+ES     connection PROTOCOL_ERROR
            RESERVED_LOCAL        DATA           connection PROTOCOL_ERROR
            RESERVED_LOCAL        DATA+ES        connection PROTOCOL_ERROR
            RESERVED_LOCAL        PRIORITY       accept RESERVED_LOCAL
            RESERVED_LOCAL        RST_STREAM     accept CLOSED_RESET_RECEIVED
            RESERVED_LOCAL        WINDOW_UPDATE  accept RESERVED_LOCAL
            RESERVED_LOCAL        PUSH_PROMISE   connection PROTOCOL_ERROR

            RESERVED_REMOTE       HEADERS        accept HALF_CLOSED_LOCAL     // the pushed response begins
            RESERVED_REMOTE       HEADERS+ES     accept CLOSED
            RESERVED_REMOTE       DATA           connection PROTOCOL_ERROR    // only HEADERS, RST_STREAM, PRIORITY
            RESERVED_REMOTE       DATA+ES        connection PROTOCOL_ERROR
            RESERVED_REMOTE       PRIORITY       accept RESERVED_REMOTE
            RESERVED_REMOTE       RST_STREAM     accept CLOSED_RESET_RECEIVED
            RESERVED_REMOTE       WINDOW_UPDATE  connection PROTOCOL_ERROR
            RESERVED_REMOTE       PUSH_PROMISE   connection PROTOCOL_ERROR

            OPEN                  HEADERS        accept OPEN                  // any frame
            OPEN                  HEADERS+ES     accept HALF_CLOSED_REMOTE    // trailers
            OPEN                  DATA           accept OPEN
            OPEN                  DATA+ES        accept HALF_CLOSED_REMOTE
            OPEN                  PRIORITY       accept OPEN
            OPEN                  RST_STREAM     accept CLOSED_RESET_RECEIVED
            OPEN                  WINDOW_UPDATE  accept OPEN
            OPEN                  PUSH_PROMISE   accept OPEN

            HALF_CLOSED_LOCAL     HEADERS        accept HALF_CLOSED_LOCAL     // any frame
            HALF_CLOSED_LOCAL     HEADERS+ES     accept CLOSED
            HALF_CLOSED_LOCAL     DATA           accept HALF_CLOSED_LOCAL
            HALF_CLOSED_LOCAL     DATA+ES        accept CLOSED
            HALF_CLOSED_LOCAL     PRIORITY       accept HALF_CLOSED_LOCAL
            HALF_CLOSED_LOCAL     RST_STREAM     accept CLOSED_RESET_RECEIVED
            HALF_CLOSED_LOCAL     WINDOW_UPDATE  accept HALF_CLOSED_LOCAL
            HALF_CLOSED_LOCAL     PUSH_PROMISE   accept HALF_CLOSED_LOCAL

            HALF_CLOSED_REMOTE    HEADERS        stream STREAM_CLOSED         // only WINDOW_UPDATE, PRIORITY, RST_STREAM
            HALF_CLOSED_REMOTE    HEADERS+ES     stream STREAM_CLOSED
            HALF_CLOSED_REMOTE    DATA           stream STREAM_CLOSED
            HALF_CLOSED_REMOTE    DATA+ES        stream STREAM_CLOSED
            HALF_CLOSED_REMOTE    PRIORITY       accept HALF_CLOSED_REMOTE
            HALF_CLOSED_REMOTE    RST_STREAM     accept CLOSED_RESET_RECEIVED
            HALF_CLOSED_REMOTE    WINDOW_UPDATE  accept HALF_CLOSED_REMOTE
            HALF_CLOSED_REMOTE    PUSH_PROMISE   connection PROTOCOL_ERROR    // §6.6

            CLOSED                HEADERS        connection STREAM_CLOSED     // after END_STREAM received
            CLOSED                HEADERS+ES     connection STREAM_CLOSED
            CLOSED                DATA           connection STREAM_CLOSED
            CLOSED                DATA+ES        connection STREAM_CLOSED
            CLOSED                PRIORITY       accept CLOSED
            CLOSED                RST_STREAM     ignore                       // in flight when we sent END_STREAM
            CLOSED                WINDOW_UPDATE  ignore
            CLOSED                PUSH_PROMISE   connection PROTOCOL_ERROR    // §6.6

            CLOSED_RESET_SENT     HEADERS        ignore                       // MUST ignore after sending RST_STREAM
            CLOSED_RESET_SENT     HEADERS+ES     ignore
            CLOSED_RESET_SENT     DATA           ignore
            CLOSED_RESET_SENT     DATA+ES        ignore
            CLOSED_RESET_SENT     PRIORITY       ignore
            CLOSED_RESET_SENT     RST_STREAM     ignore
            CLOSED_RESET_SENT     WINDOW_UPDATE  ignore
            CLOSED_RESET_SENT     PUSH_PROMISE   ignore

            CLOSED_RESET_RECEIVED HEADERS        stream STREAM_CLOSED         // anything but PRIORITY
            CLOSED_RESET_RECEIVED HEADERS+ES     stream STREAM_CLOSED
            CLOSED_RESET_RECEIVED DATA           stream STREAM_CLOSED
            CLOSED_RESET_RECEIVED DATA+ES        stream STREAM_CLOSED
            CLOSED_RESET_RECEIVED PRIORITY       accept CLOSED_RESET_RECEIVED
            CLOSED_RESET_RECEIVED RST_STREAM     ignore                       // §5.4.2: no RST_STREAM for RST_STREAM
            CLOSED_RESET_RECEIVED WINDOW_UPDATE  stream STREAM_CLOSED
            CLOSED_RESET_RECEIVED PUSH_PROMISE   stream STREAM_CLOSED

            CLOSED_FORGOTTEN      HEADERS        stream STREAM_CLOSED         // the mildest answer that still stops it
            CLOSED_FORGOTTEN      HEADERS+ES     stream STREAM_CLOSED
            CLOSED_FORGOTTEN      DATA           stream STREAM_CLOSED
            CLOSED_FORGOTTEN      DATA+ES        stream STREAM_CLOSED
            CLOSED_FORGOTTEN      PRIORITY       accept CLOSED_FORGOTTEN
            CLOSED_FORGOTTEN      RST_STREAM     ignore
            CLOSED_FORGOTTEN      WINDOW_UPDATE  ignore
            CLOSED_FORGOTTEN      PUSH_PROMISE   connection PROTOCOL_ERROR

            CLOSED_UNUSED         HEADERS        connection PROTOCOL_ERROR    // §5.1.1: a lower identifier
            CLOSED_UNUSED         HEADERS+ES     connection PROTOCOL_ERROR
            CLOSED_UNUSED         DATA           connection PROTOCOL_ERROR    // a stream never opened
            CLOSED_UNUSED         DATA+ES        connection PROTOCOL_ERROR
            CLOSED_UNUSED         PRIORITY       accept CLOSED_UNUSED
            CLOSED_UNUSED         RST_STREAM     connection PROTOCOL_ERROR
            CLOSED_UNUSED         WINDOW_UPDATE  connection PROTOCOL_ERROR
            CLOSED_UNUSED         PUSH_PROMISE   connection PROTOCOL_ERROR
            """;

    @Test
    void everyFrameInEveryStateGetsTheAnswerOfTheTable() {
        Map<String, String> expected = table();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> cell : expected.entrySet()) {
            String[] key = cell.getKey().split(" ");
            StreamState state = StreamState.valueOf(key[0]);
            boolean endStream = key[1].endsWith("+ES");
            StreamFrame frame = StreamFrame.valueOf(key[1].replace("+ES", ""));
            String actual = VerdictText.of(ReceiveRules.onReceive(state, frame, endStream));
            if (!actual.equals(cell.getValue())) {
                wrong.add(cell.getKey() + ": " + actual + ", not " + cell.getValue());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theTableHasALineForEveryStateAndFrame() {
        List<String> missing = new ArrayList<>();
        for (StreamState state : StreamState.values()) {
            for (StreamFrame frame : StreamFrame.values()) {
                for (String column : frame == StreamFrame.HEADERS || frame == StreamFrame.DATA
                        ? List.of(frame.name(), frame.name() + "+ES") : List.of(frame.name())) {
                    if (!table().containsKey(state + " " + column)) {
                        missing.add(state + " " + column);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void endStreamMattersOnlyForHeadersAndData() {
        for (StreamState state : StreamState.values()) {
            for (StreamFrame frame : List.of(StreamFrame.PRIORITY, StreamFrame.RST_STREAM, StreamFrame.WINDOW_UPDATE,
                    StreamFrame.PUSH_PROMISE)) {
                assertEquals(VerdictText.of(ReceiveRules.onReceive(state, frame, false)),
                        VerdictText.of(ReceiveRules.onReceive(state, frame, true)), state + " " + frame);
            }
        }
    }

    @Test
    void everyErrorNamesTheRuleAndItsSection() {
        for (StreamState state : StreamState.values()) {
            for (StreamFrame frame : StreamFrame.values()) {
                String rule = switch (ReceiveRules.onReceive(state, frame, false)) {
                    case Verdict.Accept a -> null;
                    case Verdict.Ignore i -> i.rule();
                    case Verdict.StreamError e -> e.rule();
                    case Verdict.ConnectionError e -> e.rule();
                };
                assertTrue(rule == null || rule.contains("(RFC 9113 §"), state + " " + frame + ": " + rule);
            }
        }
        assertEquals("DATA on a half-closed (remote) stream (RFC 9113 §5.1)",
                ((Verdict.StreamError) ReceiveRules.onReceive(StreamState.HALF_CLOSED_REMOTE, StreamFrame.DATA, false))
                        .rule());
    }

    private static Map<String, String> table() {
        Map<String, String> cells = new LinkedHashMap<>();
        for (String line : TABLE.lines().toList()) {
            String text = line.replaceAll("//.*", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+", 3);
            cells.put(words[0] + " " + words[1], words[2]);
        }
        return cells;
    }
}
