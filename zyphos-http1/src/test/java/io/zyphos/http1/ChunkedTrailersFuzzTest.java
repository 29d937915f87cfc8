package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zyphos.http.FuzzInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chunked body's trailer section (RFC 9112 §7.1.2) is read like a header section, then kept
 * apart: fields that RFC 9110 §6.5.1 keeps out of trailers (framing, routing, request modifiers,
 * authentication, content format) arrive as trailers and change nothing about how this message or
 * the next one is framed. The trailer limits answer 431 exactly when they are crossed, and the
 * events are the same wherever the input is cut. The fuzz lesson for trailers.
 *
 * <p>The input is read as choices: the two limits, the chunks, each trailer field (a name, often
 * one forbidden in trailers, a value, the whitespace around it), one place to cut the bytes, and
 * last, when a flag says so, up to 256 more bytes spliced raw into the trailer section. Without a
 * splice the events are known in advance; with one they must still be the same however the input
 * is cut. Each run cuts at every position of the trailer section (and the last chunk's line before
 * it) and at the one chosen place, rather than everywhere as {@link ParserHarness#assertEvents}
 * does: the chunks before are {@code ChunkedTest}'s lesson, and the fuzzer's runs count.
 */
@ExtendWith(SampledLeakDetectionWhileFuzzing.class)
class ChunkedTrailersFuzzTest {

    private static final String HEAD = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String HEAD_EVENT = "POST /upload HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: b\r\n\r\n";
    private static final String NEXT_EVENT = "GET /next HTTP/1.1 [Host: b] no-body keep-alive";

    /** Names RFC 9110 §6.5.1 keeps out of trailers, and values that would smuggle if they were obeyed. */
    private static final List<String> FORBIDDEN = List.of(
            "Content-Length", "Transfer-Encoding", "Trailer", "Host", "Connection", "Keep-Alive", "TE", "Upgrade",
            "Expect", "Max-Forwards", "Range", "If-None-Match", "Cache-Control", "Authorization", "Cookie",
            "Content-Type", "Content-Encoding", "Content-Range", "transfer-encoding", "CONTENT-LENGTH");
    private static final List<String> SMUGGLING_VALUES = List.of(
            "0", "5", "40", "chunked", "gzip, chunked", "close", "evil.example", "100-continue", "Content-Length");
    private static final List<String> ALLOWED = List.of("Checksum", "Content-Digest", "Server-Timing", "X-Done");
    private static final String VALUE_CHARS = "abcXYZ0189 \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00e9\u00ff";
    private static final List<String> OWS = List.of("", "", " ", "\t", "  ", " \t");

    @FuzzTest(maxDuration = "30s")
    void trailersAreKeptApartAndLimited(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int maxFieldCount = 2 + in.choose(8);
        int maxTrailerBytes = 1 + (in.nextByte() << 8 | in.nextByte()) % 600;
        Http1ParserSettings settings = new Http1ParserSettings(
                32, 256, 4, 4096, maxFieldCount, 4096, 64, maxTrailerBytes, Set.of());

        StringBuilder wire = new StringBuilder(HEAD);
        StringBuilder body = new StringBuilder();
        for (int chunks = in.choose(4); chunks > 0; chunks--) {
            int size = 1 + in.choose(16);
            wire.append(hex(in, size)).append(extension(in)).append("\r\n");
            String chunk = in.text(size);
            chunk = chunk + "z".repeat(size - chunk.length());
            body.append(chunk);
            wire.append(chunk).append("\r\n");
        }
        wire.append("0".repeat(1 + in.choose(3))).append(extension(in)).append("\r\n");

        List<String> lines = new ArrayList<>();
        StringBuilder trailers = new StringBuilder();
        for (int fields = in.choose(12); fields > 0; fields--) {
            String name = in.flag() ? in.pick(FORBIDDEN) : in.pick(ALLOWED);
            String value = in.flag() ? in.pick(SMUGGLING_VALUES) : value(in);
            lines.add(name + ":" + in.pick(OWS) + value + in.pick(OWS));
            trailers.append('[').append(name).append(": ").append(trimmed(value)).append(']');
        }
        String section = String.join("\r\n", lines) + (lines.isEmpty() ? "" : "\r\n");
        int trailerStart = wire.length();
        int anyCut = in.nextByte() << 8 | in.nextByte();
        boolean splice = in.flag();
        if (splice) {
            int at = in.choose(section.length() + 1);
            section = section.substring(0, at) + in.text(256) + section.substring(at);
        }
        wire.append(section).append("\r\n").append(NEXT);
        byte[] bytes = wire.toString().getBytes(StandardCharsets.ISO_8859_1);

        List<String> known = new ArrayList<>(List.of(HEAD_EVENT));
        if (!body.isEmpty()) {
            known.add("body " + body);
        }
        int trailerEnd = trailerStart + section.length() + 2;
        if (splice) {
            List<String> whole = ParserHarness.parse(settings, bytes, true, true, bytes.length);
            assertEquals(known, whole.subList(0, Math.min(known.size(), whole.size())), "the message before its trailers");
            assertEventsHoweverCut(settings, bytes, trailerStart, trailerEnd, anyCut, whole);
            return;
        }
        Http1Violation crossed = limitCrossed(lines, maxFieldCount, maxTrailerBytes);
        if (crossed != null) {
            known.add("error " + crossed.status() + " " + crossed);
        } else {
            known.add(trailers.isEmpty() ? "end" : "end " + trailers);
            known.addAll(List.of(NEXT_EVENT, "end", "closed"));
        }
        assertEventsHoweverCut(settings, bytes, trailerStart, trailerEnd, anyCut, known);
    }

    /**
     * The same events whole (direct and heap), a byte at a time, cut in two at every
     * position from the last chunk's line to the end of the trailer section, and at {@code anyCut}.
     */
    private static void assertEventsHoweverCut(Http1ParserSettings settings, byte[] bytes, int trailerStart, int trailerEnd,
            int anyCut, List<String> expected) {
        for (boolean direct : new boolean[] {true, false}) {
            assertEquals(expected, ParserHarness.parse(settings, bytes, true, direct, bytes.length),
                    "whole, " + (direct ? "direct" : "heap"));
        }
        assertEquals(expected, ParserHarness.parse(settings, bytes, true, true, 1), "a byte at a time");
        int lastChunkLine = trailerStart - 3;
        for (int cut = Math.max(1, lastChunkLine); cut <= Math.min(trailerEnd, bytes.length - 1); cut++) {
            assertEquals(expected, ParserHarness.parse(settings, bytes, true, true, cut, bytes.length - cut), "cut at " + cut);
        }
        int cut = 1 + Math.floorMod(anyCut, bytes.length - 1);
        assertEquals(expected, ParserHarness.parse(settings, bytes, true, true, cut, bytes.length - cut), "cut at " + cut);
    }

    /**
     * Which trailer limit the lines cross first, or null. The section is counted from the byte after
     * the last chunk's line to the end of its empty line; a line crosses the size limit where it
     * ends (before its CRLF), and the field count is checked when a line is complete.
     */
    private static Http1Violation limitCrossed(List<String> lines, int maxFieldCount, int maxBytes) {
        int offset = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineEnd = offset + lines.get(i).length();
            if (lineEnd > maxBytes) {
                return Http1Violation.TRAILER_SECTION_TOO_LARGE;
            }
            if (i >= maxFieldCount) {
                return Http1Violation.TOO_MANY_FIELDS;
            }
            offset = lineEnd + 2;
        }
        return offset + 2 > maxBytes ? Http1Violation.TRAILER_SECTION_TOO_LARGE : null;
    }

    /** A chunk size in hex, in either case, with a few leading zeros (RFC 9112 §7.1). */
    private static String hex(FuzzInput in, int size) {
        String hex = Integer.toHexString(size);
        return "0".repeat(in.choose(3)) + (in.flag() ? hex.toUpperCase() : hex);
    }

    /** Nothing, or a chunk extension (RFC 9112 §7.1.1), which the parser checks and ignores. */
    private static String extension(FuzzInput in) {
        return in.pick(List.of("", "", ";a", ";name=value", " ;q=\"x;y\""));
    }

    /** Up to 16 characters a field value may hold (RFC 9110 §5.5), whitespace included. */
    private static String value(FuzzInput in) {
        StringBuilder s = new StringBuilder();
        for (int n = in.choose(17); n > 0; n--) {
            s.append(VALUE_CHARS.charAt(in.choose(VALUE_CHARS.length())));
        }
        return s.toString();
    }

    /** The value without the whitespace around it, as the parser gives it (RFC 9112 §5.1). */
    private static String trimmed(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
