package io.zyphos.http;

import io.netty.buffer.ByteBuf;

/**
 * A request body that arrives while the handler runs, read one chunk per demand: the reader
 * asks, the engine answers once, so a slow reader slows the client down (the engine stops reading
 * the socket while nobody demands) instead of filling memory.
 *
 * <p>Any thread may call {@link #demand}; the listener runs on the connection's thread.
 */
public interface ContentSource {

    /**
     * Asks for the next chunk. {@code listener} is called exactly once: with the next chunk (at
     * once if one is buffered), or with the error that ended the body. Demanding again before that
     * call is a programming error.
     */
    void demand(Listener listener);

    /**
     * Gives up on the rest of the body. The engine drains and discards it (or closes the
     * connection if the rest is too large to drain), releasing what it buffered.
     */
    void discard();

    /**
     * Whether the calling thread is the one that answers demands (the connection's event loop), so
     * that waiting on it for an answer would wait forever. The blocking helpers of
     * {@link HttpRequest} ask before they wait. {@code false} unless overridden.
     */
    default boolean answersOnThisThread() {
        return false;
    }

    /** Receives one answer to a {@link #demand}. */
    interface Listener {

        /**
         * The next chunk, possibly empty. The chunk is lent: valid until this method returns;
         * {@code retain()} it to keep it. {@code last} is true for the final chunk; trailer fields
         * (RFC 9110 §6.5), if any, are then in {@code trailers}, else it is {@code null}.
         */
        void onContent(ByteBuf chunk, boolean last, Headers trailers);

        /** The body cannot complete: the client went away, or broke the framing, or a limit hit. */
        void onError(Throwable cause);
    }
}
