package io.zyphos.http1.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 response as a test reads it off a socket: status, fields in order, body. The
 * reader knows the three ways a body can end (RFC 9112 §6.3): Content-Length, chunked, or the
 * connection closing, and a response to HEAD, which has none.
 */
public record WireResponse(int status, String reason, List<String[]> fields, byte[] body, String trailers) {

    /** The first value of field {@code name}, or null. */
    public String field(String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return f[1];
            }
        }
        return null;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Reads one response; {@code head} says it answers a HEAD request. */
    public static WireResponse read(InputStream in, boolean head) {
        try {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("not a status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
            String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
            List<String[]> fields = new ArrayList<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                fields.add(new String[] {l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip()});
            }
            WireResponse shape = new WireResponse(status, reason, fields, new byte[0], "");
            if (head || status / 100 == 1 || status == 204 || status == 304) {
                return shape;
            }
            String length = shape.field("content-length");
            if (length != null) {
                return new WireResponse(status, reason, fields, in.readNBytes(Integer.parseInt(length)), "");
            }
            if ("chunked".equals(shape.field("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                    body.write(in.readNBytes(size));
                    if (!line(in).isEmpty()) {
                        throw new AssertionError("chunk data not followed by CRLF");
                    }
                }
                StringBuilder trailers = new StringBuilder();
                for (String l = line(in); !l.isEmpty(); l = line(in)) {
                    trailers.append(l).append('\n');
                }
                return new WireResponse(status, reason, fields, body.toByteArray(), trailers.toString());
            }
            return new WireResponse(status, reason, fields, in.readAllBytes(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line ended by CRLF, without it; fails on a bare LF or the end of input. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed inside a response, after \"" + sb + "\"");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new AssertionError("CR without LF after \"" + sb + "\"");
                }
                return sb.toString();
            }
            if (b == '\n') {
                throw new AssertionError("bare LF after \"" + sb + "\"");
            }
            sb.append((char) b);
        }
    }
}
