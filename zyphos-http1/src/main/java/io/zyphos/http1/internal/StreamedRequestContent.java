package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.ContentSource;
import io.zyphos.http.Headers;
import java.util.ArrayDeque;

/**
 * A request body handed to the handler while it arrives. Chunks wait here until the handler
 * demands them; while more than {@link #WINDOW} bytes wait, the connection stops reading, so a
 * slow handler slows the client down instead of filling memory.
 *
 * <p>{@link #demand} and {@link #discard} may be called from any thread and are moved to the
 * connection's thread; everything else runs there.
 */
final class StreamedRequestContent implements ContentSource {

    /** Bytes buffered ahead of demand before the connection stops reading. */
    static final int WINDOW = 64 * 1024;

    private final Http1ServerConnection owner;
    private final Exchange exchange;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean ended;
    private Headers trailers;
    private Throwable error;
    private boolean discarded;
    private boolean demanded;
    private Listener waiting;

    StreamedRequestContent(Http1ServerConnection owner, Exchange exchange) {
        this.owner = owner;
        this.exchange = exchange;
    }

    @Override
    public void demand(Listener listener) {
        if (owner.inConnectionThread()) {
            demandHere(listener);
        } else {
            owner.execute(() -> demandHere(listener));
        }
    }

    @Override
    public void discard() {
        if (owner.inConnectionThread()) {
            discardHere();
        } else {
            owner.execute(this::discardHere);
        }
    }

    @Override
    public boolean answersOnThisThread() {
        return owner.inConnectionThread();
    }

    private void demandHere(Listener listener) {
        if (waiting != null) {
            throw new IllegalStateException("demand before the previous demand was answered");
        }
        if (!demanded) {
            demanded = true;
            owner.bodyWanted(exchange);
        }
        ByteBuf chunk = chunks.poll();
        if (chunk != null) {
            bufferedBytes -= chunk.readableBytes();
            boolean last = ended && chunks.isEmpty();
            deliver(listener, chunk, last);
            owner.bodyDrained(exchange);
        } else if (error != null) {
            listener.onError(error);
        } else if (ended) {
            deliver(listener, Unpooled.EMPTY_BUFFER, true);
        } else {
            waiting = listener;
            owner.bodyDrained(exchange);
        }
    }

    private void deliver(Listener listener, ByteBuf chunk, boolean last) {
        try {
            listener.onContent(chunk, last, last ? trailers : null);
        } finally {
            chunk.release();
        }
    }

    private void discardHere() {
        discarded = true;
        releaseChunks();
        owner.bodyDrained(exchange);
    }

    /** More of the body arrived. Takes ownership of {@code chunk}. */
    void offer(ByteBuf chunk) {
        if (discarded || error != null) {
            chunk.release();
            return;
        }
        Listener listener = waiting;
        if (listener != null && chunks.isEmpty()) {
            waiting = null;
            deliver(listener, chunk, false);
            return;
        }
        chunks.add(chunk);
        bufferedBytes += chunk.readableBytes();
    }

    /** The body is complete; {@code trailerFields} is null or the trailer section. */
    void end(Headers trailerFields) {
        ended = true;
        trailers = trailerFields;
        Listener listener = waiting;
        if (listener != null) {
            waiting = null;
            deliver(listener, Unpooled.EMPTY_BUFFER, true);
        }
    }

    /** The body cannot complete. */
    void fail(Throwable cause) {
        if (ended || error != null) {
            releaseChunks();
            return;
        }
        error = cause;
        releaseChunks();
        Listener listener = waiting;
        if (listener != null) {
            waiting = null;
            listener.onError(cause);
        }
    }

    /** Whether the connection should read on: someone waits, or there is room below the window. */
    boolean wantsMore() {
        return discarded || waiting != null || bufferedBytes < WINDOW;
    }

    boolean discarded() {
        return discarded;
    }

    private void releaseChunks() {
        for (ByteBuf b; (b = chunks.poll()) != null; ) {
            b.release();
        }
        bufferedBytes = 0;
    }
}
