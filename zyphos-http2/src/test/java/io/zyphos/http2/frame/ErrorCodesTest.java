package io.zyphos.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §7 and §5.4: fourteen error codes in one 32-bit space, and two scopes of error, the
 * connection (GOAWAY) and the stream (RST_STREAM). A code the RFC does not define triggers nothing
 * special and may be read as INTERNAL_ERROR.
 */
class ErrorCodesTest {

    @Test
    void theFourteenCodesOfSection7() {
        assertEquals(List.of("NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
                "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR",
                "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"),
                Arrays.stream(Http2ErrorCode.values()).map(Enum::name).toList());
        for (Http2ErrorCode code : Http2ErrorCode.values()) {
            assertEquals(code.ordinal(), code.code(), code.name());
            assertEquals(code, Http2ErrorCode.forCode(code.code()));
        }
    }

    @Test
    void anUndefinedCodeReadsAsInternalError() {
        assertEquals(Http2ErrorCode.INTERNAL_ERROR, Http2ErrorCode.forCode(0xe));
        assertEquals(Http2ErrorCode.INTERNAL_ERROR, Http2ErrorCode.forCode(0xFFFF_FFFFL));
        assertEquals(Http2ErrorCode.INTERNAL_ERROR, new RstStreamFrame(1, 0x1234).error());
    }

    @Test
    void anErrorSaysItsScopeStreamCodeAndRule() {
        Http2Exception connection = Http2Exception.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                "DATA on stream 0 (RFC 9113 §6.1)");
        assertTrue(connection.isConnectionError());
        assertEquals(0, connection.streamId());
        assertEquals("connection error PROTOCOL_ERROR: DATA on stream 0 (RFC 9113 §6.1)", connection.toString());

        Http2Exception stream = Http2Exception.streamError(3, Http2ErrorCode.FRAME_SIZE_ERROR,
                "PRIORITY of 4 octets, not 5 (RFC 9113 §6.3)");
        assertFalse(stream.isConnectionError());
        assertEquals(Http2Exception.Scope.STREAM, stream.scope());
        assertEquals(3, stream.streamId());
        assertEquals(Http2ErrorCode.FRAME_SIZE_ERROR, stream.code());
        assertEquals("PRIORITY of 4 octets, not 5 (RFC 9113 §6.3)", stream.getMessage());
        assertEquals(0, stream.getStackTrace().length, "thrown often by hostile peers: no stack trace");

        assertThrows(IllegalArgumentException.class,
                () -> Http2Exception.streamError(0, Http2ErrorCode.PROTOCOL_ERROR, "a stream error needs a stream"));
    }
}
