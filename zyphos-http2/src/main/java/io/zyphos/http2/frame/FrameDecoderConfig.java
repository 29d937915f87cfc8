package io.zyphos.http2.frame;

import java.util.Objects;

/**
 * Who a {@link FrameDecoder} decodes for, and its limits.
 *
 * <table>
 *   <caption>Decoder limits</caption>
 *   <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@link #maxFrameSize()}</td><td>{@value #DEFAULT_MAX_FRAME_SIZE} octets</td>
 *       <td>connection error FRAME_SIZE_ERROR (RFC 9113 §4.2)</td></tr>
 *   <tr><td>{@link #maxHeaderBlockBytes()}</td><td>{@value #DEFAULT_MAX_HEADER_BLOCK_BYTES} octets</td>
 *       <td>connection error ENHANCE_YOUR_CALM (RFC 9113 §10.5.1)</td></tr>
 *   <tr><td>{@link #maxContinuationFrames()}</td><td>{@value #DEFAULT_MAX_CONTINUATION_FRAMES} per field block</td>
 *       <td>connection error ENHANCE_YOUR_CALM (RFC 9113 §10.5)</td></tr>
 * </table>
 *
 * <p>{@code maxFrameSize} is this endpoint's SETTINGS_MAX_FRAME_SIZE, the largest payload it
 * accepts; when a new value has been acknowledged, tell the decoder with
 * {@link FrameDecoder#maxFrameSize(int)}. The two field block limits bound what the decoder
 * buffers while a HEADERS or PUSH_PROMISE frame without END_HEADERS waits for its CONTINUATION
 * frames: the octets of the compressed block, and the number of CONTINUATION frames, which bounds
 * the work a flood of empty ones costs (the CONTINUATION flood of 2024, CVE-2024-27316 and
 * others). See {@link FrameDecoder} for why they end the connection.
 *
 * @param endpoint the endpoint the decoder belongs to: a {@link Endpoint#SERVER} reads a client
 * @param expectPreface whether the connection preface (RFC 9113 §3.4) comes first: a server's
 *     decoder then reads the client's 24-octet magic, and either side's requires a SETTINGS frame
 *     as the first frame; false to decode frames from the middle of a connection
 * @param maxFrameSize the largest frame payload accepted, 16,384 to 16,777,215
 * @param maxHeaderBlockBytes the largest field block accepted, in octets of the compressed block
 * @param maxContinuationFrames the most CONTINUATION frames one field block may have
 */
public record FrameDecoderConfig(Endpoint endpoint, boolean expectPreface, int maxFrameSize,
        int maxHeaderBlockBytes, int maxContinuationFrames) {

    /** The initial SETTINGS_MAX_FRAME_SIZE (RFC 9113 §4.2), which every endpoint accepts. */
    public static final int DEFAULT_MAX_FRAME_SIZE = Http2Setting.MIN_MAX_FRAME_SIZE;
    /**
     * Twice the header section HTTP/1 accepts by default (16 KiB): a browser's header block is a
     * few hundred octets once compressed.
     */
    public static final int DEFAULT_MAX_HEADER_BLOCK_BYTES = 32 * 1024;
    /**
     * nghttp2's default (NGHTTP2_DEFAULT_MAX_CONTINUATIONS since 1.61.0): the clients that talk to
     * the many servers built on nghttp2 never need more.
     */
    public static final int DEFAULT_MAX_CONTINUATION_FRAMES = 8;

    /** Which end of the connection the decoder serves. */
    public enum Endpoint {
        /** A server: it reads a client's frames (the client preface; no PUSH_PROMISE). */
        SERVER,
        /** A client: it reads a server's frames (no PRIORITY_UPDATE; SETTINGS_ENABLE_PUSH never 1). */
        CLIENT
    }

    /** Checks each limit. */
    public FrameDecoderConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        checkMaxFrameSize(maxFrameSize);
        if (maxHeaderBlockBytes <= 0) {
            throw new IllegalArgumentException("maxHeaderBlockBytes must be positive: " + maxHeaderBlockBytes);
        }
        if (maxContinuationFrames < 0) {
            throw new IllegalArgumentException("maxContinuationFrames must not be negative: " + maxContinuationFrames);
        }
    }

    /** A server's decoder with the defaults above, expecting the client preface. */
    public static FrameDecoderConfig server() {
        return new FrameDecoderConfig(Endpoint.SERVER, true, DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_HEADER_BLOCK_BYTES,
                DEFAULT_MAX_CONTINUATION_FRAMES);
    }

    /** A client's decoder with the defaults above, expecting the server's SETTINGS first. */
    public static FrameDecoderConfig client() {
        return new FrameDecoderConfig(Endpoint.CLIENT, true, DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_HEADER_BLOCK_BYTES,
                DEFAULT_MAX_CONTINUATION_FRAMES);
    }

    /** This configuration without the preface: decoding starts at a frame header. */
    public FrameDecoderConfig afterPreface() {
        return new FrameDecoderConfig(endpoint, false, maxFrameSize, maxHeaderBlockBytes, maxContinuationFrames);
    }

    /** This configuration with another largest frame payload. */
    public FrameDecoderConfig withMaxFrameSize(int max) {
        return new FrameDecoderConfig(endpoint, expectPreface, max, maxHeaderBlockBytes, maxContinuationFrames);
    }

    /** This configuration with other field block limits. */
    public FrameDecoderConfig withHeaderBlockLimits(int maxBytes, int maxContinuations) {
        return new FrameDecoderConfig(endpoint, expectPreface, maxFrameSize, maxBytes, maxContinuations);
    }

    static void checkMaxFrameSize(int max) {
        if (max < Http2Setting.MIN_MAX_FRAME_SIZE || max > Http2Setting.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("a maximum frame size is 16384 to 16777215 (RFC 9113 §4.2): " + max);
        }
    }
}
