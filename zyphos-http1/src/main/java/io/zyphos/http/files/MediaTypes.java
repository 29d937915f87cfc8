package io.zyphos.http.files;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Content-Type (RFC 9110 §8.3) by file name extension: a small table of the types a web site
 * serves, each written once in full so a lookup builds no string. Text types carry
 * {@code charset=utf-8} (RFC 9110 §8.3.2: without it a recipient may guess); JSON does not, as
 * {@code application/json} defines no charset parameter (RFC 8259 §11). Anything unknown is
 * {@code application/octet-stream} (RFC 2046 §4.5.1), which a browser downloads rather than renders.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a new table.
 */
public final class MediaTypes {

    /** The type for an unknown or missing extension. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final MediaTypes DEFAULTS = new MediaTypes(builtIn());

    private final Map<String, String> byExtension;

    private MediaTypes(Map<String, String> byExtension) {
        this.byExtension = byExtension;
    }

    /** The built-in table. */
    public static MediaTypes defaults() {
        return DEFAULTS;
    }

    /** This table with {@code extension} (without the dot, any case) mapped to {@code mediaType}, used as given. */
    public MediaTypes with(String extension, String mediaType) {
        Map<String, String> copy = new HashMap<>(byExtension);
        copy.put(lower(Objects.requireNonNull(extension, "extension")), Objects.requireNonNull(mediaType, "mediaType"));
        return new MediaTypes(copy);
    }

    /** The Content-Type for a file named {@code fileName}: by the text after its last dot, in any case. */
    public String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return OCTET_STREAM;
        }
        String type = byExtension.get(lower(fileName.substring(dot + 1)));
        return type == null ? OCTET_STREAM : type;
    }

    private static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static Map<String, String> builtIn() {
        Map<String, String> m = new HashMap<>();
        String utf8 = "; charset=utf-8";
        m.put("html", "text/html" + utf8);
        m.put("htm", "text/html" + utf8);
        m.put("css", "text/css" + utf8);
        // RFC 9239 §6: text/javascript is the one type for JavaScript, modules included.
        m.put("js", "text/javascript" + utf8);
        m.put("mjs", "text/javascript" + utf8);
        m.put("txt", "text/plain" + utf8);
        m.put("csv", "text/csv" + utf8);
        m.put("md", "text/markdown" + utf8);
        m.put("json", "application/json");
        m.put("map", "application/json");
        m.put("webmanifest", "application/manifest+json");
        m.put("xml", "application/xml");
        m.put("svg", "image/svg+xml");
        m.put("png", "image/png");
        m.put("jpg", "image/jpeg");
        m.put("jpeg", "image/jpeg");
        m.put("gif", "image/gif");
        m.put("webp", "image/webp");
        m.put("avif", "image/avif");
        m.put("ico", "image/vnd.microsoft.icon");
        m.put("wasm", "application/wasm");
        m.put("pdf", "application/pdf");
        m.put("zip", "application/zip");
        m.put("gz", "application/gzip");
        m.put("woff", "font/woff");
        m.put("woff2", "font/woff2");
        m.put("ttf", "font/ttf");
        m.put("otf", "font/otf");
        m.put("mp4", "video/mp4");
        m.put("webm", "video/webm");
        m.put("mp3", "audio/mpeg");
        m.put("ogg", "audio/ogg");
        m.put("wav", "audio/wav");
        m.put("bin", OCTET_STREAM);
        return Map.copyOf(m);
    }
}
