package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whatever bytes arrive, however they are cut, the parser answers with its own events: requests,
 * or one terminal {@link Http1Event.ProtocolError}. No other exception, no endless loop, no
 * leaked buffer (the leak detector checks every run), and the same events whether the input is
 * fed whole or in pieces, in direct or heap buffers. The lesson for roadmap milestones 4 and 20.
 *
 * <p>The first byte of each input chooses how to run it; the rest are the bytes on the wire:
 * bits 0-3 the piece size minus one, bit 4 allows bare LF, bit 5 feeds the pieces in heap buffers
 * (the whole input goes in a direct one), bit 6 uses tiny limits. A plain {@code mvn test} replays
 * the seeds under
 * {@code src/test/resources/io/zyphos/http1/Http1RequestParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * searches for new inputs (see the module README).
 */
class Http1RequestParserFuzzTest {

    private static final Http1ParserSettings TINY = new Http1ParserSettings(
            4, 12, 1, 40, 3, 16, 12, 20, Set.of());

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveOnlyTheParsersOwnEvents(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int mode = data[0];
        byte[] wire = Arrays.copyOfRange(data, 1, data.length);
        Http1ParserSettings settings = (mode & 0x40) != 0 ? TINY : Http1ParserSettings.defaults();
        if ((mode & 0x10) != 0) {
            settings = settings.allowing(Http1Violation.BARE_LF);
        }
        boolean heapPieces = (mode & 0x20) != 0;
        int piece = (mode & 0x0F) + 1;

        List<String> inPieces = parse(settings, wire, piece, !heapPieces);
        List<String> whole = parse(settings, wire, Math.max(1, wire.length), true);
        assertEquals(whole, inPieces, "whole against pieces of " + piece + (heapPieces ? " in heap buffers" : ""));
    }

    /** Feeds {@code wire} in pieces, then ends the input; checks the events are well-formed. */
    private static List<String> parse(Http1ParserSettings settings, byte[] wire, int piece, boolean direct) {
        List<String> events = new ArrayList<>();
        try (Http1RequestParser parser = new Http1RequestParser(settings)) {
            boolean terminal = false;
            for (int at = 0; at < wire.length && !terminal; at += piece) {
                int size = Math.min(piece, wire.length - at);
                ByteBuf bytes = direct ? Buffers.allocator().directBuffer(size) : Buffers.allocator().heapBuffer(size);
                parser.receive(bytes.writeBytes(wire, at, size));
                terminal = drainBounded(parser, events, wire.length);
            }
            if (!terminal) {
                parser.endOfInput();
                assertTrue(drainBounded(parser, events, wire.length), "the end of input must end the parse");
            }
        }
        checkOrder(events);
        return joinBodies(events);
    }

    /** Drains with a bound on the number of events: every event but NEED_DATA consumes input. */
    private static boolean drainBounded(Http1RequestParser parser, List<String> events, int inputLength) {
        for (int calls = 0; ; calls++) {
            if (calls > 2 * inputLength + 4) {
                fail("no progress after " + calls + " events from " + inputLength + " bytes");
            }
            Http1Event event = parser.nextEvent();
            if (event == Http1Event.NEED_DATA) {
                return false;
            }
            if (describeInto(event, events)) {
                assertEquals(event, parser.nextEvent(), "a terminal event repeats");
                return true;
            }
        }
    }

    /** Adds the event's line; true if it is terminal. */
    private static boolean describeInto(Http1Event event, List<String> into) {
        switch (event) {
            case Http1Event.NeedData needData -> fail("handled by the caller");
            case Http1RequestHead head -> into.add("head " + ParserHarness.describe(head));
            case Http1Event.Body body -> {
                ByteBuf content = body.content();
                assertTrue(content.isReadable(), "a body event is never empty");
                into.add("body " + content.toString(StandardCharsets.ISO_8859_1));
                content.release();
            }
            case Http1Event.EndOfMessage end ->
                    into.add(end.trailers().isEmpty() ? "end" : "end " + ParserHarness.fields(end.trailers()));
            case Http1Event.InputClosed closed -> into.add("closed");
            case Http1Event.ProtocolError error -> into.add("error " + error.status() + " " + error.violation());
        }
        return event instanceof Http1Event.InputClosed || event instanceof Http1Event.ProtocolError;
    }

    private static boolean isTerminal(String event) {
        return event.equals("closed") || event.startsWith("error ");
    }

    /** Heads, bodies and ends come in order: head, any bodies, end; a terminal event last. */
    private static void checkOrder(List<String> events) {
        boolean inMessage = false;
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (isTerminal(e)) {
                assertEquals(events.size() - 1, i, "nothing after a terminal event");
                if (e.equals("closed")) {
                    assertTrue(!inMessage, "closed only between messages");
                }
            } else if (e.startsWith("body ")) {
                assertTrue(inMessage, "body inside a message");
            } else if (e.equals("end") || e.startsWith("end [")) {
                assertTrue(inMessage, "end closes a message");
                inMessage = false;
            } else if (e.startsWith("head ")) {
                assertTrue(!inMessage, "a head opens a message");
                inMessage = true;
            } else {
                fail("unknown event " + e);
            }
        }
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
