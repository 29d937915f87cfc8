package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request method (RFC 9110 §9). The eight methods of RFC 9110 §9.3 and PATCH (RFC 5789) are
 * constants compared by identity; any other token is an extension method (RFC 9110 §9.1 lets a
 * registry grow), created by {@link #of} after checking it is a token.
 *
 * <p>Method names are case-sensitive (RFC 9110 §9.1): {@code get} is an extension method, not
 * {@code GET}. The wire engines find the standard methods with {@link #lookup(byte[], int, int)}
 * or {@link #lookup(ByteBuf, int, int)}, which allocate nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class Method {

    /** RFC 9110 §9.3.1: transfer a current representation of the target resource. Safe, idempotent. */
    public static final Method GET = new Method("GET", true, true, 0);
    /** RFC 9110 §9.3.2: same as GET, but the server sends no content. Safe, idempotent. */
    public static final Method HEAD = new Method("HEAD", true, true, 1);
    /** RFC 9110 §9.3.3: process the enclosed representation by the resource's own semantics. */
    public static final Method POST = new Method("POST", false, false, 2);
    /** RFC 9110 §9.3.4: replace the target resource's state with the enclosed one. Idempotent. */
    public static final Method PUT = new Method("PUT", false, true, 3);
    /** RFC 9110 §9.3.5: remove the association between the target and its functionality. Idempotent. */
    public static final Method DELETE = new Method("DELETE", false, true, 4);
    /** RFC 9110 §9.3.6: establish a tunnel to the server named by the target (authority-form). */
    public static final Method CONNECT = new Method("CONNECT", false, false, 5);
    /** RFC 9110 §9.3.7: describe the communication options for the target. Safe, idempotent. */
    public static final Method OPTIONS = new Method("OPTIONS", true, true, 6);
    /** RFC 9110 §9.3.8: a loop-back of the request message. Safe, idempotent. */
    public static final Method TRACE = new Method("TRACE", true, true, 7);
    /** RFC 5789 §2: apply a set of changes to the target resource. Neither safe nor idempotent. */
    public static final Method PATCH = new Method("PATCH", false, false, 8);

    private static final List<Method> STANDARD = List.of(GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH);

    /** How many standard methods there are; {@link #index()} is below this for each of them. */
    static final int STANDARD_COUNT = 9;

    private final String name;
    private final byte[] bytes;
    private final boolean safe;
    private final boolean idempotent;
    private final int index;

    private Method(String name, boolean safe, boolean idempotent, int index) {
        this.name = name;
        this.bytes = name.getBytes(StandardCharsets.US_ASCII);
        this.safe = safe;
        this.idempotent = idempotent;
        this.index = index;
    }

    /** The standard methods of RFC 9110 §9.3 and PATCH, in that order. */
    public static List<Method> standard() {
        return STANDARD;
    }

    /**
     * The method named {@code name}: a standard constant, or a new extension method.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110 §5.6.2); a wire
     *     engine maps this to 400 Bad Request.
     */
    public static Method of(CharSequence name) {
        Method standard = lookup(name);
        if (standard != null) {
            return standard;
        }
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("a method must be a token (RFC 9110 §9.1): \"" + name + "\"");
        }
        // An extension method is neither safe nor idempotent unless a specification says so;
        // treating it as unsafe is the conservative choice (RFC 9110 §9.2).
        return new Method(name.toString(), false, false, -1);
    }

    /** The standard method spelled by {@code name}, or {@code null}. Allocates nothing. */
    public static Method lookup(CharSequence name) {
        Method candidate = candidate(name.length(), name.length() == 0 ? 0 : name.charAt(0));
        if (candidate == null) {
            return null;
        }
        for (int i = 1; i < candidate.bytes.length; i++) {
            if (name.charAt(i) != candidate.bytes[i]) {
                return null;
            }
        }
        return candidate;
    }

    /** The standard method spelled by {@code bytes[offset, offset + length)}, or {@code null}. Allocates nothing. */
    public static Method lookup(byte[] bytes, int offset, int length) {
        Method candidate = candidate(length, length == 0 ? 0 : bytes[offset]);
        if (candidate == null) {
            return null;
        }
        for (int i = 1; i < length; i++) {
            if (bytes[offset + i] != candidate.bytes[i]) {
                return null;
            }
        }
        return candidate;
    }

    /**
     * The standard method spelled by {@code length} bytes of {@code buf} from {@code index}, or
     * {@code null}. Reads without moving the buffer's indices and allocates nothing. The buffer is
     * borrowed: this method neither retains nor releases it.
     */
    public static Method lookup(ByteBuf buf, int index, int length) {
        Method candidate = candidate(length, length == 0 ? 0 : buf.getByte(index));
        if (candidate == null) {
            return null;
        }
        for (int i = 1; i < length; i++) {
            if (buf.getByte(index + i) != candidate.bytes[i]) {
                return null;
            }
        }
        return candidate;
    }

    /** The only standard method that has this length and first character; the caller checks the rest. */
    private static Method candidate(int length, int first) {
        return switch (length) {
            case 3 -> first == 'G' ? GET : first == 'P' ? PUT : null;
            case 4 -> first == 'H' ? HEAD : first == 'P' ? POST : null;
            case 5 -> first == 'P' ? PATCH : first == 'T' ? TRACE : null;
            case 6 -> first == 'D' ? DELETE : null;
            case 7 -> first == 'C' ? CONNECT : first == 'O' ? OPTIONS : null;
            default -> null;
        };
    }

    public String name() {
        return name;
    }

    /** The name's ASCII bytes, for writing a request line. Do not modify the returned array. */
    byte[] bytes() {
        return bytes;
    }

    /** Whether the method is safe (RFC 9110 §9.2.1): read-only by the client's intent. */
    public boolean isSafe() {
        return safe;
    }

    /** Whether repeating the request has the same effect as sending it once (RFC 9110 §9.2.2). */
    public boolean isIdempotent() {
        return idempotent;
    }

    /** Whether this is one of the {@linkplain #standard() standard} constants. */
    public boolean isStandard() {
        return index >= 0;
    }

    /** Position among the standard methods, or -1 for an extension method. */
    int index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Method m && index < 0 && m.index < 0 && name.equals(m.name));
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
