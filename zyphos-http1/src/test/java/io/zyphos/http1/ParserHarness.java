package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a parser exact bytes and writes down what comes out, one line per event.
 *
 * <p>{@link #assertEvents} feeds each case many ways and demands the same events every time:
 * in one buffer (direct and heap), one byte at a time, and split in two
 * at every position. That is what "can stop at any byte and resume" means, checked on every case.
 * Body bytes are joined across {@code Body} events, since where a body is cut depends on where the
 * input was cut.
 *
 * <p>Event lines:
 * <pre>
 * GET /x HTTP/1.1 [Host: a][Accept: b] no-body keep-alive     a head (framing: no-body, length=N, chunked;
 *                                                              persistence: keep-alive or close; 100-continue if expected)
 * body hello                                                   body bytes, as ISO-8859-1
 * end                                                          end of message; "end [Name: value]" with trailers
 * error 400 BARE_CR                                            a protocol error
 * closed                                                       input ended between requests
 * </pre>
 */
final class ParserHarness {

    /** Inputs longer than this are split at a sample of positions, not at every one. */
    private static final int SPLIT_EVERYWHERE_UP_TO = 2048;

    private ParserHarness() {}

    /** Asserts {@code input}, with the default settings, yields {@code expected}, however it is cut. */
    static void assertEvents(String input, String... expected) {
        assertEvents(Http1ParserSettings.defaults(), input, expected);
    }

    /** Asserts {@code input} yields {@code expected}, however it is cut. */
    static void assertEvents(Http1ParserSettings settings, String input, String... expected) {
        assertEvents(settings, bytes(input), false, expected);
    }

    /** As {@link #assertEvents(Http1ParserSettings, String, String...)}, then the input ends. */
    static void assertEventsThenEnd(String input, String... expected) {
        assertEvents(Http1ParserSettings.defaults(), bytes(input), true, expected);
    }

    static void assertEvents(Http1ParserSettings settings, byte[] input, boolean endOfInput, String... expected) {
        List<String> want = List.of(expected);
        for (boolean direct : new boolean[] {true, false}) {
            assertEquals(want, parse(settings, input, endOfInput, direct, input.length),
                    "whole input, " + (direct ? "direct" : "heap"));
        }
        int step = input.length <= SPLIT_EVERYWHERE_UP_TO ? 1 : 7;
        assertEquals(want, parse(settings, input, endOfInput, true, step), "fed " + step + " byte(s) at a time");
        int stride = input.length <= SPLIT_EVERYWHERE_UP_TO ? 1 : Math.max(1, input.length / 256);
        for (int cut = 1; cut < input.length; cut += stride) {
            assertEquals(want, parse(settings, input, endOfInput, true, cut, input.length - cut), "split at " + cut);
        }
    }

    /** Events from {@code input} fed in pieces of {@code piece} bytes. */
    static List<String> parse(Http1ParserSettings settings, byte[] input, boolean endOfInput, boolean direct, int piece) {
        List<Integer> sizes = new ArrayList<>();
        for (int at = 0; at < input.length; at += piece) {
            sizes.add(Math.min(piece, input.length - at));
        }
        return parse(settings, input, endOfInput, direct, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> parse(Http1ParserSettings settings, byte[] input, boolean endOfInput, int first, int second) {
        return parse(settings, input, endOfInput, true, new int[] {first, second});
    }

    /** Events from {@code input} fed in pieces of the given sizes. */
    static List<String> parse(Http1ParserSettings settings, byte[] input, boolean endOfInput, boolean direct, int... pieces) {
        List<String> events = new ArrayList<>();
        List<ByteBuf> received = new ArrayList<>();
        try (Http1RequestParser parser = new Http1RequestParser(settings)) {
            int at = 0;
            for (int size : pieces) {
                ByteBuf piece = direct ? Buffers.allocator().directBuffer(size) : Buffers.allocator().heapBuffer(size);
                piece.writeBytes(input, at, size);
                at += size;
                received.add(piece);
                parser.receive(piece);
                if (drain(parser, events)) {
                    break;
                }
            }
            if (endOfInput && !isTerminal(events)) {
                parser.endOfInput();
                drain(parser, events);
            }
        }
        // The parser owns what it received; once it is closed and every body slice released, each
        // piece is released too, whatever the input did. A leak here is pinned to this input.
        for (ByteBuf piece : received) {
            assertEquals(0, piece.refCnt(), "a received buffer is still held after close");
        }
        return joinBodies(events);
    }

    private static boolean isTerminal(List<String> events) {
        String last = events.isEmpty() ? "" : events.getLast();
        return last.equals("closed") || last.startsWith("error ");
    }

    /** Takes events until the parser needs data; true if it reached a terminal event. */
    static boolean drain(Http1RequestParser parser, List<String> events) {
        while (true) {
            Http1Event event = parser.nextEvent();
            switch (event) {
                case Http1Event.NeedData needData -> {
                    return false;
                }
                case Http1RequestHead head -> events.add(describe(head));
                case Http1Event.Body body -> {
                    ByteBuf content = body.content();
                    events.add("body " + content.toString(StandardCharsets.ISO_8859_1));
                    content.release();
                }
                case Http1Event.EndOfMessage end ->
                        events.add(end.trailers().isEmpty() ? "end" : "end " + fields(end.trailers()));
                case Http1Event.InputClosed closed -> {
                    events.add("closed");
                    return true;
                }
                case Http1Event.ProtocolError error -> {
                    events.add("error " + error.status() + " " + error.violation());
                    return true;
                }
            }
        }
    }

    static String describe(Http1RequestHead head) {
        String framing = switch (head.framing()) {
            case NONE -> "no-body";
            case CONTENT_LENGTH -> "length=" + head.contentLength();
            case CHUNKED -> "chunked";
        };
        return head.method() + " " + head.target() + " " + head.version().text() + " "
                + (head.fields().isEmpty() ? "[]" : fields(head.fields()))
                + " " + framing + (head.persistent() ? " keep-alive" : " close")
                + (head.expectsContinue() ? " 100-continue" : "")
                + (head.asksToUpgrade() ? " upgrade" : "");
    }

    static String fields(Http1Fields fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            s.append('[').append(fields.name(i)).append(": ").append(fields.value(i)).append(']');
        }
        return s.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> joinBodies(List<String> events) {
        List<String> joined = new ArrayList<>();
        for (String e : events) {
            int last = joined.size() - 1;
            if (e.startsWith("body ") && last >= 0 && joined.get(last).startsWith("body ")) {
                joined.set(last, joined.get(last) + e.substring(5));
            } else {
                joined.add(e);
            }
        }
        return joined;
    }
}
