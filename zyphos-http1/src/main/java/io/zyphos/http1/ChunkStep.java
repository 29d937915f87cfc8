package io.zyphos.http1;

import io.zyphos.http1.internal.Ascii;
import io.zyphos.http1.internal.ByteClass;

/**
 * Where the parser is inside a chunk-size line, RFC 9112 §7.1 and §7.1.1:
 *
 * <pre>
 * chunk          = chunk-size [ chunk-ext ] CRLF
 * chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * chunk-ext-name = token
 * chunk-ext-val  = token / quoted-string
 * </pre>
 *
 * <p>Each step is a small function from the next byte to the next step ({@link #next}), as in
 * hyper's {@code ChunkedState}. Extensions are checked against the grammar and then ignored:
 * none is defined, and a recipient MUST ignore those it does not understand (§7.1.1).
 */
enum ChunkStep {
    /** Hex digits of the size; the parser accumulates them. */
    SIZE,
    /** Whitespace after the size or a value: only ';' may follow (BWS ";"). */
    BEFORE_SEMICOLON,
    /** After ';': whitespace, then an extension name. */
    BEFORE_NAME,
    /** Inside an extension name. */
    NAME,
    /** Whitespace after a name: '=' or ';' must follow. */
    AFTER_NAME,
    /** After '=': whitespace, then a token or a quoted string. */
    BEFORE_VALUE,
    /** Inside a token value. */
    TOKEN_VALUE,
    /** Inside a quoted-string value. */
    QUOTED,
    /** After a backslash inside a quoted string (quoted-pair, RFC 9110 §5.6.4). */
    QUOTED_PAIR,
    /** After a quoted string's closing quote. */
    AFTER_QUOTED,
    /** The byte is CR or LF: the line ends here. */
    LINE_END,
    /** The byte breaks the extension grammar. */
    INVALID;

    /** The step after {@code b} in an extension; not for {@link #SIZE}, which the parser runs. */
    static ChunkStep next(ChunkStep step, int b) {
        boolean ws = Ascii.isWhitespace(b);
        boolean lineEnd = b == '\r' || b == '\n';
        boolean tchar = ByteClass.TOKEN.contains((byte) b);
        return switch (step) {
            case BEFORE_SEMICOLON -> ws ? BEFORE_SEMICOLON : b == ';' ? BEFORE_NAME : INVALID;
            case BEFORE_NAME -> ws ? BEFORE_NAME : tchar ? NAME : INVALID;
            case NAME -> tchar ? NAME : afterWord(b, ws, lineEnd, AFTER_NAME, true);
            case AFTER_NAME -> ws ? AFTER_NAME : b == '=' ? BEFORE_VALUE : b == ';' ? BEFORE_NAME : INVALID;
            case BEFORE_VALUE -> ws ? BEFORE_VALUE : b == '"' ? QUOTED : tchar ? TOKEN_VALUE : INVALID;
            case TOKEN_VALUE -> tchar ? TOKEN_VALUE : afterWord(b, ws, lineEnd, BEFORE_SEMICOLON, false);
            case QUOTED -> b == '"' ? AFTER_QUOTED : b == '\\' ? QUOTED_PAIR : qdtext(b) ? QUOTED : INVALID;
            case QUOTED_PAIR -> ws || (b >= 0x21 && b != 0x7F) ? QUOTED : INVALID;
            case AFTER_QUOTED -> afterWord(b, ws, lineEnd, BEFORE_SEMICOLON, false);
            case SIZE, LINE_END, INVALID -> throw new IllegalStateException("no step after " + step);
        };
    }

    private static ChunkStep afterWord(int b, boolean ws, boolean lineEnd, ChunkStep onWhitespace, boolean mayAssign) {
        if (ws) {
            return onWhitespace;
        }
        if (b == ';') {
            return BEFORE_NAME;
        }
        if (mayAssign && b == '=') {
            return BEFORE_VALUE;
        }
        return lineEnd ? LINE_END : INVALID;
    }

    /** qdtext, RFC 9110 §5.6.4: HTAB, SP, 0x21, 0x23-0x5B, 0x5D-0x7E, obs-text. */
    private static boolean qdtext(int b) {
        return b == '\t' || b == ' ' || b == 0x21 || (b >= 0x23 && b <= 0x5B) || (b >= 0x5D && b <= 0x7E) || b >= 0x80;
    }
}
