package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A field name (RFC 9110 §5.1): a case-insensitive token, held in lower case.
 *
 * <p>The names requests and responses use every day are constants. {@link #lookup} finds one from
 * bytes or characters in any case, with a hash over the case-folded input and one comparison, and
 * allocates nothing; {@link #of} returns the constant when there is one, so a well-known name is
 * always the same object and compares by identity. Other names are created once per occurrence,
 * after checking they are tokens.
 *
 * <p>Lower case is what HTTP/2 and HTTP/3 require on the wire (RFC 9113 §8.2.1, RFC 9114 §4.2),
 * and HTTP/1.1 does not care (RFC 9110 §5.1), so one spelling serves every version.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeaderName {

    /** Open-addressed table of the well-known names; a power of two at most half full. */
    private static final HeaderName[] TABLE = new HeaderName[256];
    private static final List<HeaderName> WELL_KNOWN_LIST = new ArrayList<>();

    public static final HeaderName ACCEPT = wellKnown("accept");
    public static final HeaderName ACCEPT_CHARSET = wellKnown("accept-charset");
    public static final HeaderName ACCEPT_ENCODING = wellKnown("accept-encoding");
    public static final HeaderName ACCEPT_LANGUAGE = wellKnown("accept-language");
    public static final HeaderName ACCEPT_RANGES = wellKnown("accept-ranges");
    public static final HeaderName ACCESS_CONTROL_ALLOW_CREDENTIALS = wellKnown("access-control-allow-credentials");
    public static final HeaderName ACCESS_CONTROL_ALLOW_HEADERS = wellKnown("access-control-allow-headers");
    public static final HeaderName ACCESS_CONTROL_ALLOW_METHODS = wellKnown("access-control-allow-methods");
    public static final HeaderName ACCESS_CONTROL_ALLOW_ORIGIN = wellKnown("access-control-allow-origin");
    public static final HeaderName ACCESS_CONTROL_EXPOSE_HEADERS = wellKnown("access-control-expose-headers");
    public static final HeaderName ACCESS_CONTROL_MAX_AGE = wellKnown("access-control-max-age");
    public static final HeaderName ACCESS_CONTROL_REQUEST_HEADERS = wellKnown("access-control-request-headers");
    public static final HeaderName ACCESS_CONTROL_REQUEST_METHOD = wellKnown("access-control-request-method");
    public static final HeaderName AGE = wellKnown("age");
    public static final HeaderName ALLOW = wellKnown("allow");
    public static final HeaderName ALT_SVC = wellKnown("alt-svc");
    public static final HeaderName AUTHORIZATION = wellKnown("authorization");
    public static final HeaderName CACHE_CONTROL = wellKnown("cache-control");
    public static final HeaderName CONNECTION = wellKnown("connection");
    public static final HeaderName CONTENT_DISPOSITION = wellKnown("content-disposition");
    public static final HeaderName CONTENT_ENCODING = wellKnown("content-encoding");
    public static final HeaderName CONTENT_LANGUAGE = wellKnown("content-language");
    public static final HeaderName CONTENT_LENGTH = wellKnown("content-length");
    public static final HeaderName CONTENT_LOCATION = wellKnown("content-location");
    public static final HeaderName CONTENT_RANGE = wellKnown("content-range");
    public static final HeaderName CONTENT_SECURITY_POLICY = wellKnown("content-security-policy");
    public static final HeaderName CONTENT_TYPE = wellKnown("content-type");
    public static final HeaderName COOKIE = wellKnown("cookie");
    public static final HeaderName DATE = wellKnown("date");
    public static final HeaderName ETAG = wellKnown("etag");
    public static final HeaderName EXPECT = wellKnown("expect");
    public static final HeaderName EXPIRES = wellKnown("expires");
    public static final HeaderName FORWARDED = wellKnown("forwarded");
    public static final HeaderName HOST = wellKnown("host");
    public static final HeaderName HTTP2_SETTINGS = wellKnown("http2-settings");
    public static final HeaderName IF_MATCH = wellKnown("if-match");
    public static final HeaderName IF_MODIFIED_SINCE = wellKnown("if-modified-since");
    public static final HeaderName IF_NONE_MATCH = wellKnown("if-none-match");
    public static final HeaderName IF_RANGE = wellKnown("if-range");
    public static final HeaderName IF_UNMODIFIED_SINCE = wellKnown("if-unmodified-since");
    public static final HeaderName KEEP_ALIVE = wellKnown("keep-alive");
    public static final HeaderName LAST_EVENT_ID = wellKnown("last-event-id");
    public static final HeaderName LAST_MODIFIED = wellKnown("last-modified");
    public static final HeaderName LINK = wellKnown("link");
    public static final HeaderName LOCATION = wellKnown("location");
    public static final HeaderName MAX_FORWARDS = wellKnown("max-forwards");
    public static final HeaderName ORIGIN = wellKnown("origin");
    public static final HeaderName PRAGMA = wellKnown("pragma");
    public static final HeaderName PRIORITY = wellKnown("priority");
    public static final HeaderName PROXY_AUTHENTICATE = wellKnown("proxy-authenticate");
    public static final HeaderName PROXY_AUTHORIZATION = wellKnown("proxy-authorization");
    public static final HeaderName RANGE = wellKnown("range");
    public static final HeaderName REFERER = wellKnown("referer");
    public static final HeaderName RETRY_AFTER = wellKnown("retry-after");
    public static final HeaderName SEC_FETCH_DEST = wellKnown("sec-fetch-dest");
    public static final HeaderName SEC_FETCH_MODE = wellKnown("sec-fetch-mode");
    public static final HeaderName SEC_FETCH_SITE = wellKnown("sec-fetch-site");
    public static final HeaderName SEC_FETCH_USER = wellKnown("sec-fetch-user");
    public static final HeaderName SEC_WEBSOCKET_ACCEPT = wellKnown("sec-websocket-accept");
    public static final HeaderName SEC_WEBSOCKET_EXTENSIONS = wellKnown("sec-websocket-extensions");
    public static final HeaderName SEC_WEBSOCKET_KEY = wellKnown("sec-websocket-key");
    public static final HeaderName SEC_WEBSOCKET_PROTOCOL = wellKnown("sec-websocket-protocol");
    public static final HeaderName SEC_WEBSOCKET_VERSION = wellKnown("sec-websocket-version");
    public static final HeaderName SERVER = wellKnown("server");
    public static final HeaderName SET_COOKIE = wellKnown("set-cookie");
    public static final HeaderName STRICT_TRANSPORT_SECURITY = wellKnown("strict-transport-security");
    public static final HeaderName TE = wellKnown("te");
    public static final HeaderName TRAILER = wellKnown("trailer");
    public static final HeaderName TRANSFER_ENCODING = wellKnown("transfer-encoding");
    public static final HeaderName UPGRADE = wellKnown("upgrade");
    public static final HeaderName UPGRADE_INSECURE_REQUESTS = wellKnown("upgrade-insecure-requests");
    public static final HeaderName USER_AGENT = wellKnown("user-agent");
    public static final HeaderName VARY = wellKnown("vary");
    public static final HeaderName VIA = wellKnown("via");
    public static final HeaderName WWW_AUTHENTICATE = wellKnown("www-authenticate");
    public static final HeaderName X_CONTENT_TYPE_OPTIONS = wellKnown("x-content-type-options");
    public static final HeaderName X_FORWARDED_FOR = wellKnown("x-forwarded-for");
    public static final HeaderName X_FORWARDED_HOST = wellKnown("x-forwarded-host");
    public static final HeaderName X_FORWARDED_PROTO = wellKnown("x-forwarded-proto");
    public static final HeaderName X_FRAME_OPTIONS = wellKnown("x-frame-options");
    public static final HeaderName X_REQUEST_ID = wellKnown("x-request-id");

    private static final List<HeaderName> WELL_KNOWN = Collections.unmodifiableList(WELL_KNOWN_LIST);

    private final String name;
    private final byte[] bytes;
    private final boolean wellKnown;

    private HeaderName(String lowerCaseName, boolean wellKnown) {
        this.name = lowerCaseName;
        this.bytes = lowerCaseName.getBytes(StandardCharsets.US_ASCII);
        this.wellKnown = wellKnown;
    }

    private static HeaderName wellKnown(String lowerCaseName) {
        HeaderName h = new HeaderName(lowerCaseName, true);
        int mask = TABLE.length - 1;
        int slot = spread(foldedHash(lowerCaseName)) & mask;
        while (TABLE[slot] != null) {
            slot = (slot + 1) & mask;
        }
        TABLE[slot] = h;
        WELL_KNOWN_LIST.add(h);
        return h;
    }

    /** Every well-known constant, in declaration order. */
    public static List<HeaderName> wellKnownNames() {
        return WELL_KNOWN;
    }

    /**
     * The name {@code name} in any case: the well-known constant, or a new name.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110 §5.1, §5.6.2); a
     *     wire engine maps this to 400 Bad Request.
     */
    public static HeaderName of(CharSequence name) {
        HeaderName known = lookup(name);
        if (known != null) {
            return known;
        }
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("a field name must be a token (RFC 9110 §5.1): \"" + name + "\"");
        }
        char[] lower = new char[name.length()];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Tokens.lower(name.charAt(i));
        }
        return new HeaderName(new String(lower), false);
    }

    /** The well-known name spelled by {@code name} in any case, or {@code null}. Allocates nothing. */
    public static HeaderName lookup(CharSequence name) {
        int n = name.length();
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + Tokens.lower(name.charAt(i));
        }
        int mask = TABLE.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            HeaderName candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.bytes.length == n && candidate.matches(name)) {
                return candidate;
            }
        }
    }

    /** The well-known name spelled by {@code bytes[offset, offset + length)} in any case, or {@code null}. Allocates nothing. */
    public static HeaderName lookup(byte[] bytes, int offset, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + lowerByte(bytes[offset + i]);
        }
        int mask = TABLE.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            HeaderName candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.bytes.length == length && candidate.matches(bytes, offset)) {
                return candidate;
            }
        }
    }

    /**
     * The well-known name spelled by {@code length} bytes of {@code buf} from {@code index}, in any
     * case, or {@code null}. Reads without moving the buffer's indices and allocates nothing. The
     * buffer is borrowed: this method neither retains nor releases it.
     */
    public static HeaderName lookup(ByteBuf buf, int index, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + lowerByte(buf.getByte(index + i));
        }
        int mask = TABLE.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            HeaderName candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.bytes.length == length && candidate.matches(buf, index)) {
                return candidate;
            }
        }
    }

    private boolean matches(CharSequence s) {
        for (int i = 0; i < bytes.length; i++) {
            if (Tokens.lower(s.charAt(i)) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(byte[] b, int offset) {
        for (int i = 0; i < bytes.length; i++) {
            if (lowerByte(b[offset + i]) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(ByteBuf buf, int index) {
        for (int i = 0; i < bytes.length; i++) {
            if (lowerByte(buf.getByte(index + i)) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} spells this name in any case. */
    public boolean contentEqualsIgnoreCase(CharSequence s) {
        return s.length() == bytes.length && matches(s);
    }

    private static int lowerByte(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xFF;
    }

    private static int foldedHash(String lower) {
        int h = 0;
        for (int i = 0; i < lower.length(); i++) {
            h = 31 * h + lower.charAt(i);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 7) ^ (h >>> 16);
    }

    /** The name in lower case. */
    public String name() {
        return name;
    }

    /** The name's lower-case ASCII bytes, for the wire engines. Do not modify the returned array. */
    public byte[] asciiBytes() {
        return bytes;
    }

    /** Whether this is one of the well-known constants. */
    public boolean isWellKnown() {
        return wellKnown;
    }

    @Override
    public boolean equals(Object o) {
        // A well-known name only ever exists as its constant, so identity settles it.
        return this == o || (o instanceof HeaderName h && !wellKnown && !h.wellKnown && name.equals(h.name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
