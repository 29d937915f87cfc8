package io.zyphos.http;

import io.netty.buffer.ByteBuf;

/**
 * Where a {@link BodyWriter} writes a streamed response body; the wire engine implements it, as
 * HTTP/1.1 chunks, HTTP/2 DATA frames, or raw bytes up to a declared Content-Length.
 *
 * <p>Any thread may call these methods; the engine moves the work to the connection's thread.
 * Call {@link #end} or {@link #fail} exactly once, last: the response is not complete (and the
 * connection not reusable) until then.
 *
 * <p><b>Backpressure.</b> {@link #write} queues without limit when called on the event loop, so a
 * non-blocking writer checks {@link #isWritable()} and waits for
 * {@link #onWritable(Runnable)} before writing more. Called from any other thread (a virtual
 * thread running a blocking writer), {@link #write} blocks while the connection is above its write
 * high watermark, so a plain loop of writes never outruns a slow client.
 */
public interface BodySink {

    /**
     * Queues {@code chunk} for sending. Takes ownership of {@code chunk}: the engine releases it
     * once sent, or when the connection fails first. After {@link #end} or {@link #fail}, or once
     * the client is gone, the chunk is released and dropped.
     */
    void write(ByteBuf chunk);

    /** Sends what was written so far instead of waiting for more (a server-sent event, say). */
    void flush();

    /** Whether the connection takes more bytes without queueing past its high watermark. */
    boolean isWritable();

    /** Runs {@code task} once the connection is writable again (at once if it is now). */
    void onWritable(Runnable task);

    /** Completes the body. */
    default void end() {
        end(null);
    }

    /**
     * Completes the body, with trailer fields (RFC 9110 §6.5) if {@code trailers} is non-null and
     * the protocol can send them (HTTP/1.1 chunked, HTTP/2); otherwise the trailers are dropped.
     */
    void end(Headers trailers);

    /**
     * Abandons the body: the client sees an incomplete response (HTTP/1.1 closes the connection,
     * HTTP/2 resets the stream), never a truncated body that looks complete.
     */
    void fail(Throwable cause);

    /** Whether the client is gone or the body is finished: further writes are dropped. */
    boolean isClosed();
}
