package io.zyphos.http2.hpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared String instances for the names and short values that header blocks repeat on every
 * connection: the static table's (RFC 7541 Appendix A), and those browsers, curl and servers send
 * that it lacks ({@code sec-fetch-mode: cors}, {@code content-type: text/css}). A literal whose
 * octets are one of these decodes to the shared String instead of a new one, and a sink that
 * compares names by identity finds them.
 *
 * <p>An open-addressing table keyed by the octets' {@link String#hashCode()} (for octets that is
 * {@code 31 * h + octet}, so the hash of the octets and of the String agree). Only strings of up
 * to {@value #MAX_LENGTH} octets are looked up; longer ones are seldom shared, and hashing them
 * would cost more than it saves.
 */
final class CommonStrings {

    static final int MAX_LENGTH = 32;

    private static final String[] MORE = {
        // Request fields of today's browsers that the static table lacks.
        ":protocol", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "upgrade-insecure-requests",
        "sec-fetch-site", "sec-fetch-mode", "sec-fetch-user", "sec-fetch-dest", "priority", "dnt", "te",
        "origin", "x-requested-with", "x-forwarded-for", "x-forwarded-proto", "sec-websocket-key",
        "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
        "?0", "?1", "\"Windows\"", "\"macOS\"", "\"Linux\"", "\"Android\"", "none", "same-origin", "same-site",
        "cross-site", "navigate", "cors", "no-cors", "websocket", "document", "image", "script", "style", "font",
        "empty", "iframe", "manifest", "u=0, i", "u=0", "u=1", "u=1, i", "u=2", "u=3", "u=4", "i", "0", "1", "13",
        "trailers", "*/*", "gzip", "br", "zstd", "deflate", "gzip, deflate", "gzip, deflate, br",
        "gzip, deflate, br, zstd", "en-US,en;q=0.9", "en-US,en;q=0.5", "no-cache", "max-age=0", "keep-alive",
        "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "http",
        // Response fields.
        "x-content-type-options", "x-frame-options", "x-xss-protection", "referrer-policy",
        "content-security-policy", "cross-origin-opener-policy", "cross-origin-resource-policy",
        "access-control-allow-headers", "access-control-allow-methods", "access-control-allow-credentials",
        "nosniff", "DENY", "SAMEORIGIN", "bytes", "true", "accept-encoding", "Accept-Encoding", "Origin",
        "no-store", "public, max-age=31536000", "public, max-age=31536000, immutable", "private",
        "text/html", "text/html; charset=utf-8", "text/html;charset=utf-8", "text/plain",
        "text/plain; charset=utf-8", "text/css", "text/javascript", "application/javascript",
        "application/json", "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/svg+xml",
        "font/woff2", "301", "302", "303", "307", "308", "401", "403", "405", "429", "502", "503",
    };

    private static final int SLOTS = 1024;
    private static final String[] STRINGS = new String[SLOTS];
    private static final byte[][] OCTETS = new byte[SLOTS][];

    static {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= StaticTable.LENGTH; i++) {
            all.add(StaticTable.name(i));
            all.add(StaticTable.value(i));
        }
        all.addAll(Arrays.asList(MORE));
        for (String s : all) {
            if (s.isEmpty() || s.length() > MAX_LENGTH) {
                continue;
            }
            int slot = s.hashCode() & (SLOTS - 1);
            while (STRINGS[slot] != null && !STRINGS[slot].equals(s)) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            if (STRINGS[slot] == null) {
                STRINGS[slot] = s.intern();
                OCTETS[slot] = s.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private CommonStrings() {}

    /** The {@code length} octets at {@code offset}, as a shared String if they are common, else a new one. */
    static String string(byte[] octets, int offset, int length) {
        if (length == 0) {
            return "";
        }
        if (length <= MAX_LENGTH) {
            int hash = 0;
            for (int i = offset, end = offset + length; i < end; i++) {
                hash = 31 * hash + (octets[i] & 0xFF);
            }
            for (int slot = hash & (SLOTS - 1); STRINGS[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
                byte[] candidate = OCTETS[slot];
                if (candidate.length == length && Arrays.equals(candidate, 0, length, octets, offset, offset + length)) {
                    return STRINGS[slot];
                }
            }
        }
        return new String(octets, offset, length, StandardCharsets.ISO_8859_1);
    }
}
