package io.zyphos.bench.peer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every peer server answers, so that each does the same work as the Zyphos demo: the
 * plaintext bytes, the JSON message serialised per request, the file a {@code /files/} name points
 * at, and the media types.
 */
public final class PeerContent {

    public static final String PLAINTEXT_PATH = "/plaintext";
    public static final String JSON_PATH = "/json";
    public static final String ECHO_PATH = "/echo";
    public static final String FILES_PREFIX = "/files/";

    public static final String TEXT_PLAIN = "text/plain";
    public static final String APPLICATION_JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";

    /** The TechEmpower plaintext body. Shared, never written to: callers wrap it read-only. */
    private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final String MESSAGE = "Hello, World!";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** RFC 9110 §5.6.7: the IMF-fixdate form of an HTTP date. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static volatile CachedDate date = new CachedDate(-1, "");

    private PeerContent() {}

    /** The plaintext body, a fresh copy so no peer can change what the others send. */
    public static byte[] plaintext() {
        return PLAINTEXT.clone();
    }

    /**
     * {@code {"message":"Hello, World!"}} serialised now, as the TechEmpower JSON test asks: a
     * writer for one shape that escapes what RFC 8259 §7 requires.
     */
    public static byte[] json() {
        return json(MESSAGE);
    }

    static byte[] json(String message) {
        StringBuilder out = new StringBuilder(message.length() + 16).append("{\"message\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The regular file {@code name} names in {@code dir}, or null. Only plain names are served (no
     * separators, no leading dot), so no request can climb out of {@code dir}.
     */
    public static Path file(Path dir, String name) {
        if (name.isEmpty() || name.charAt(0) == '.' || name.length() > 255) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            if (!plain) {
                return null;
            }
        }
        Path file = dir.resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    /** The media type for a file name, by extension. */
    public static String mediaType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "txt" -> "text/plain; charset=utf-8";
            case "html" -> "text/html; charset=utf-8";
            case "json" -> APPLICATION_JSON;
            default -> OCTET_STREAM;
        };
    }

    /**
     * The Date header value for now (RFC 9110 §6.6.1: an origin server with a clock sends one),
     * formatted once a second rather than per response, as the Zyphos demo does.
     */
    public static String date() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate cached = date;
        if (cached.second != second) {
            cached = new CachedDate(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            date = cached;
        }
        return cached.value;
    }

    private record CachedDate(long second, String value) {}
}
