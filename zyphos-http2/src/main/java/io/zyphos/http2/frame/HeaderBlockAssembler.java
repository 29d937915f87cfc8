package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;

/**
 * The field block being joined from a HEADERS or PUSH_PROMISE frame without END_HEADERS and the
 * CONTINUATION frames after it (RFC 9113 §4.3), held to the decoder's two limits. Fragments are
 * copied into one buffer, which grows up to the byte limit and no further: a CONTINUATION that
 * would pass either limit is refused from its frame header, before its payload is read.
 */
final class HeaderBlockAssembler {

    private final int maxBytes;
    private final int maxContinuations;

    /** The block so far; null when no block is open. */
    private ByteBuf block;
    private FrameType opener;
    private int streamId;
    private int promisedStreamId;
    private int padding;
    private boolean endStream;
    private int dependency;
    private int weight;
    private boolean exclusive;
    private int continuations;

    HeaderBlockAssembler(int maxBytes, int maxContinuations) {
        this.maxBytes = maxBytes;
        this.maxContinuations = maxContinuations;
    }

    /** Whether a block waits for its CONTINUATION frames. */
    boolean isOpen() {
        return block != null;
    }

    /** The stream of the open block. */
    int streamId() {
        return streamId;
    }

    /** Refuses a first fragment, or a whole block in one frame, longer than the limit. */
    void checkFirstFragment(int length) {
        if (length > maxBytes) {
            throw tooLarge();
        }
    }

    /** Counts a CONTINUATION of {@code length} octets, refusing it if it passes either limit. */
    void checkContinuation(int length) {
        if (++continuations > maxContinuations) {
            throw Http2Exception.connectionError(Http2ErrorCode.ENHANCE_YOUR_CALM, "more than " + maxContinuations
                    + " CONTINUATION frames in one field block (the decoder's maxContinuationFrames; RFC 9113 §10.5)");
        }
        if (length > maxBytes - block.readableBytes()) {
            throw tooLarge();
        }
    }

    /** Opens a block with a HEADERS frame's fragment, {@code length} octets of {@code src} at {@code index}. */
    void openHeaders(int streamId, ByteBuf src, int index, int length, int padding, boolean endStream, int dependency,
            int weight, boolean exclusive) {
        open(FrameType.HEADERS, streamId, src, index, length, padding);
        this.endStream = endStream;
        this.dependency = dependency;
        this.weight = weight;
        this.exclusive = exclusive;
    }

    /** Opens a block with a PUSH_PROMISE frame's fragment. */
    void openPushPromise(int streamId, int promisedStreamId, ByteBuf src, int index, int length, int padding) {
        open(FrameType.PUSH_PROMISE, streamId, src, index, length, padding);
        this.promisedStreamId = promisedStreamId;
    }

    private void open(FrameType opener, int streamId, ByteBuf src, int index, int length, int padding) {
        this.opener = opener;
        this.streamId = streamId;
        this.padding = padding;
        this.continuations = 0;
        block = Buffers.allocator().directBuffer(Math.min(maxBytes, Math.max(2 * length, 256)), maxBytes);
        block.writeBytes(src, index, length);
    }

    /** Adds a CONTINUATION frame's fragment, already counted by {@link #checkContinuation}. */
    void append(ByteBuf src, int index, int length) {
        block.writeBytes(src, index, length);
    }

    /** Hands the whole block to the listener as the frame that opened it, then closes the block. */
    void deliver(FrameListener listener) {
        ByteBuf whole = block;
        block = null;
        try {
            if (opener == FrameType.HEADERS) {
                listener.onHeaders(streamId, whole, padding, endStream, dependency, weight, exclusive);
            } else {
                listener.onPushPromise(streamId, promisedStreamId, whole, padding);
            }
        } finally {
            whole.release();
        }
    }

    /** Drops an open block. */
    void release() {
        if (block != null) {
            block.release();
            block = null;
        }
    }

    private Http2Exception tooLarge() {
        return Http2Exception.connectionError(Http2ErrorCode.ENHANCE_YOUR_CALM, "a field block of more than " + maxBytes
                + " octets (the decoder's maxHeaderBlockBytes; RFC 9113 §10.5.1)");
    }
}
