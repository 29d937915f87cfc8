package io.zyphos.http2.hpack;

import java.util.Objects;

/**
 * A header block the peer sent that this side must refuse, carrying how far the damage reaches
 * ({@link Kind}): the whole connection, or one stream. A local misuse of the API throws
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 *
 * <p>The message names the rule that was broken and cites its section, for the GOAWAY or
 * RST_STREAM debug data and the logs. It describes the input, never this side's internals.
 */
public final class HpackException extends RuntimeException {

    /** What went wrong, and what RFC 9113 says to answer. */
    public enum Kind {
        /**
         * The block cannot be decoded, so the dynamic table can no longer be trusted to match the
         * peer's: a connection error of type COMPRESSION_ERROR (RFC 9113 §4.3).
         */
        COMPRESSION_ERROR(true, 0x9),
        /**
         * The decoded header list is larger than SETTINGS_MAX_HEADER_LIST_SIZE, or one of its
         * strings longer than the decoder's limit (RFC 9113 §6.5.2, §10.5.1). The whole block was
         * still processed, so the dynamic table is in step with the peer's and the connection can
         * go on: a server answers the request with 431 (RFC 6585 §5), or resets the stream with
         * PROTOCOL_ERROR.
         */
        HEADER_LIST_TOO_LARGE(false, 0x1),
        /**
         * The fields decoded, but break a rule of RFC 9113 §8.2 or §8.3 (an uppercase name, a
         * connection-specific field, a pseudo-header out of place): the request or response is
         * malformed, a stream error of type PROTOCOL_ERROR (RFC 9113 §8.1.1).
         */
        MALFORMED_FIELD(false, 0x1);

        private final boolean connectionError;
        private final int http2ErrorCode;

        Kind(boolean connectionError, int http2ErrorCode) {
            this.connectionError = connectionError;
            this.http2ErrorCode = http2ErrorCode;
        }

        /** True if the whole connection must end with GOAWAY; false if only the stream fails. */
        public boolean connectionError() {
            return connectionError;
        }

        /** The RFC 9113 §7 error code for the GOAWAY or RST_STREAM frame. */
        public int http2ErrorCode() {
            return http2ErrorCode;
        }
    }

    private final Kind kind;

    public HpackException(Kind kind, String message) {
        // No stack trace: these answer remote input, and a peer can make them cheaply and often.
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    static HpackException compression(String message) {
        return new HpackException(Kind.COMPRESSION_ERROR, message);
    }

    /** What went wrong and how far it reaches. */
    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + ": " + getMessage();
    }
}
