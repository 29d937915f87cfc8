package io.zyphos.http;

import static io.zyphos.http.RefusalAssertions.assertBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever a client sends as a request-target, parsing refuses it with 400 or yields a path that
 * stays under the root: no dot segment survives (RFC 3986 §5.2.4), no escaped slash becomes a
 * separator (§2.4), and parsing the path again changes nothing. The fuzz lesson for RFC 9112 §3.2.
 *
 * <p>The input is the target's bytes, one character each. Seeds and the corpus the fuzzer found
 * live under {@code src/test/resources/io/zyphos/http/RequestTargetFuzzTestInputs/}.
 */
class RequestTargetFuzzTest {

    private static final Path ROOT = Path.of("/srv/www");

    @FuzzTest(maxDuration = "30s")
    void aParsedPathNeverLeavesTheRoot(byte[] data) {
        String raw = new String(data, StandardCharsets.ISO_8859_1);
        RequestTarget target;
        try {
            target = RequestTarget.parse(raw);
        } catch (HttpException refused) {
            assertBadRequest(refused);
            return;
        }
        assertEquals(raw, target.raw());
        if (target.form() == RequestTarget.Form.ASTERISK) {
            assertEquals("*", raw);
            return;
        }
        if (target.form() == RequestTarget.Form.ORIGIN) {
            assertNull(target.authority());
            assertEquals(raw, target.rawPath() + (target.rawQuery() == null ? "" : "?" + target.rawQuery()));
        } else {
            assertTrue(raw.regionMatches(true, 0, "http", 0, 4), raw);
            assertTrue(!target.authority().isEmpty() && raw.contains("://" + target.authority()), raw);
        }

        String path = target.path();
        assertTrue(path.startsWith("/"), path);
        for (String segment : path.split("/", -1)) {
            assertNotEquals(".", segment, path);
            assertNotEquals("..", segment, path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            assertTrue(c >= 0x20 && c != 0x7F && c != '\\', () -> "control or backslash in " + path);
            if (c == '%') {
                assertTrue(path.startsWith("%25", i) || path.startsWith("%2F", i),
                        () -> "a '%' in the path is always an escaped '%' or '/': " + path);
            }
        }
        Path file = ROOT;
        for (String segment : path.split("/")) {
            file = segment.isEmpty() ? file : file.resolve(segment);
        }
        Path resolved = file.normalize();
        assertTrue(resolved.startsWith(ROOT), () -> path + " leaves the root as " + resolved);

        assertEquals(removeDotSegments(decodeSegments(target.rawPath())), path, "against the reference algorithm");
        assertEquals(path, RequestTarget.removeDotSegments(path), "dot segments are removed once and for all");
        RequestTarget again = RequestTarget.parse(encode(path));
        assertEquals(path, again.path(), "parsing the normalised path again changes nothing");
    }

    /**
     * Each segment decoded on its own, an escaped '/' or '%' kept escaped (as {@code %2F},
     * {@code %25}), the octets read as UTF-8; null if they are not UTF-8, which parse refused.
     */
    private static String decodeSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            ByteArrayOutputStream octets = new ByteArrayOutputStream();
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c != '%') {
                    octets.write(c);
                    continue;
                }
                int octet = Integer.parseInt(segment.substring(i + 1, i + 3), 16);
                i += 2;
                if (octet == '/' || octet == '%') {
                    octets.writeBytes((octet == '/' ? "%2F" : "%25").getBytes(StandardCharsets.US_ASCII));
                } else {
                    octets.write(octet);
                }
            }
            segments.add(octets.toString(StandardCharsets.UTF_8));
        }
        return String.join("/", segments);
    }

    /**
     * RFC 3986 §5.2.4 for an absolute path, written as a stack of segments rather than the RFC's
     * buffer rewriting: "." is dropped, ".." drops the segment before it (never the root), and a
     * path that ends in a dot segment keeps its trailing slash.
     */
    private static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }

    /** The path written back as a request-target: what is not a pchar or '/' percent-encoded as UTF-8. */
    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
