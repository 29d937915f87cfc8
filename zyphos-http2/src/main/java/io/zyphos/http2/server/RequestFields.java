package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.hpack.HeaderFieldSink;
import io.zyphos.http2.hpack.HeaderFieldValidator;
import io.zyphos.http2.hpack.HpackDecoder;
import io.zyphos.http2.hpack.HpackException;

/**
 * A client's field blocks into {@link Headers}: HPACK (RFC 7541) through the §8.2 and §8.3 rules of
 * RFC 9113 ({@link HeaderFieldValidator}), with the answer each failure calls for. Every block is
 * decoded to its end, also one whose stream is refused or reset, since each can change the dynamic
 * table both ends share (§4.3); only a block HPACK cannot decode ends the connection.
 */
final class RequestFields implements HeaderFieldSink {

    /** How a block turned out. */
    enum Outcome {
        /** Valid: the fields are in the {@code Headers} given. */
        VALID,
        /** Past SETTINGS_MAX_HEADER_LIST_SIZE, decoded to its end: a 431 (RFC 9113 §10.5.1). */
        TOO_LARGE,
        /** A rule of §8.2 or §8.3 broken: malformed, a stream error PROTOCOL_ERROR (§8.1.1). */
        MALFORMED
    }

    private static final HeaderFieldSink DISCARD = (name, value, neverIndexed) -> { };

    private final HpackDecoder decoder;
    private final HeaderFieldValidator validator = new HeaderFieldValidator(this);
    private Headers target;
    private String problem;

    RequestFields(int maxHeaderListSize) {
        this.decoder = new HpackDecoder(HpackDecoder.DEFAULT_MAX_TABLE_SIZE, maxHeaderListSize, maxHeaderListSize);
    }

    /**
     * Decodes a request's header section (or trailer section) into {@code into}, cleared first.
     *
     * @throws Http2Exception a connection COMPRESSION_ERROR when HPACK cannot decode it (§4.3)
     */
    Outcome decode(ByteBuf block, HeaderFieldValidator.Section section, Headers into) {
        into.clear();
        target = into;
        problem = null;
        try {
            decoder.decode(block, validator.reset(section));
            validator.finish();
        } catch (HpackException e) {
            switch (e.kind()) {
                case COMPRESSION_ERROR -> throw Http2Exception.connectionError(Http2ErrorCode.COMPRESSION_ERROR, e.getMessage());
                case HEADER_LIST_TOO_LARGE -> {
                    problem = e.getMessage();
                    return Outcome.TOO_LARGE;
                }
                case MALFORMED_FIELD -> {
                    problem = e.getMessage();
                    return Outcome.MALFORMED;
                }
            }
        } finally {
            target = null;
        }
        return problem == null ? Outcome.VALID : Outcome.MALFORMED;
    }

    /**
     * Decodes a block only to keep the dynamic table in step: its stream was refused or is ignored.
     *
     * @throws Http2Exception a connection COMPRESSION_ERROR (§4.3)
     */
    void discard(ByteBuf block) {
        try {
            decoder.decode(block, DISCARD);
        } catch (HpackException e) {
            if (e.kind().connectionError()) {
                throw Http2Exception.connectionError(Http2ErrorCode.COMPRESSION_ERROR, e.getMessage());
            }
        }
    }

    @Override
    public void onField(String name, String value, boolean neverIndexed) {
        if (problem != null) {
            return;
        }
        try {
            HeaderName known = HeaderName.lookup(name);
            target.add(known != null ? known : HeaderName.of(name), value);
        } catch (IllegalArgumentException e) {
            // HPACK and §8.2.1 let through what RFC 9110 §5.5 does not (a control octet in a value).
            problem = "the field " + name + " (RFC 9110 §5.5): " + e.getMessage();
        }
    }

    /** Why the last block was refused. */
    String problem() {
        return problem;
    }

    HeaderFieldValidator pseudoHeaders() {
        return validator;
    }

    /**
     * The request's content-length (RFC 9110 §8.6): -1 without one; -2 when it is not a number,
     * or given twice with different values, which makes the request malformed (RFC 9113 §8.1.1).
     */
    static long contentLength(Headers headers) {
        long length = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i) == HeaderName.CONTENT_LENGTH) {
                long value = parseDigits(headers.value(i));
                if (value < 0 || (length >= 0 && value != length)) {
                    return -2;
                }
                length = value;
            }
        }
        return length;
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
