package io.zyphos.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.ContentSource;
import io.zyphos.http.Headers;
import io.zyphos.server.Connection;
import java.util.ArrayDeque;

/**
 * A request body handed to the handler while it arrives, whatever the wire: chunks wait here until
 * the handler demands them. While more than the window waits, {@link #wantsMore()} turns false and
 * the engine stops reading (HTTP/1) or stops opening the stream's flow-control window (HTTP/2), so
 * a slow handler slows the client down instead of filling memory.
 *
 * <p>{@link #demand} and {@link #discard} may be called from any thread and are moved to the
 * connection's thread; everything else runs there.
 */
public final class RequestContentQueue implements ContentSource {

    /** The engine's side: told when the body is first wanted and whenever some of it was taken. */
    public interface Reader {

        /** The handler demanded the body for the first time: a client waiting for 100 may send it. */
        void bodyWanted();

        /**
         * The handler took {@code bytes} (0 when it only started waiting, or gave up on an empty
         * queue): reading may go on, and on HTTP/2 the window may open by that much.
         */
        void bodyDrained(long bytes);
    }

    private final Connection conn;
    private final Reader reader;
    private final long window;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean ended;
    private Headers trailers;
    private Throwable error;
    private boolean discarded;
    private boolean demanded;
    private Listener waiting;

    /**
     * @param window bytes buffered ahead of demand before {@link #wantsMore()} says stop
     */
    public RequestContentQueue(Connection conn, Reader reader, long window) {
        this.conn = conn;
        this.reader = reader;
        this.window = window;
    }

    @Override
    public void demand(Listener listener) {
        if (conn.inConnectionThread()) {
            demandHere(listener);
        } else {
            conn.execute(() -> demandHere(listener));
        }
    }

    @Override
    public void discard() {
        if (conn.inConnectionThread()) {
            discardHere();
        } else {
            conn.execute(this::discardHere);
        }
    }

    @Override
    public boolean answersOnThisThread() {
        return conn.inConnectionThread();
    }

    private void demandHere(Listener listener) {
        if (waiting != null) {
            throw new IllegalStateException("demand before the previous demand was answered");
        }
        if (!demanded) {
            demanded = true;
            reader.bodyWanted();
        }
        ByteBuf chunk = chunks.poll();
        if (chunk != null) {
            int n = chunk.readableBytes();
            bufferedBytes -= n;
            boolean last = ended && chunks.isEmpty();
            deliver(listener, chunk, last);
            reader.bodyDrained(n);
        } else if (error != null) {
            listener.onError(error);
        } else if (ended) {
            deliver(listener, Unpooled.EMPTY_BUFFER, true);
        } else {
            waiting = listener;
            reader.bodyDrained(0);
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
        reader.bodyDrained(releaseChunks());
    }

    /**
     * More of the body arrived. Takes ownership of {@code chunk}. A body given up on drops it at
     * once, and the engine hears it as taken.
     */
    public void offer(ByteBuf chunk) {
        if (discarded || error != null) {
            int n = chunk.readableBytes();
            chunk.release();
            if (discarded) {
                reader.bodyDrained(n);
            }
            return;
        }
        Listener listener = waiting;
        if (listener != null && chunks.isEmpty()) {
            waiting = null;
            int n = chunk.readableBytes();
            deliver(listener, chunk, false);
            reader.bodyDrained(n);
            return;
        }
        chunks.add(chunk);
        bufferedBytes += chunk.readableBytes();
    }

    /** The body is complete; {@code trailerFields} is null or the trailer section. */
    public void end(Headers trailerFields) {
        ended = true;
        trailers = trailerFields;
        Listener listener = waiting;
        if (listener != null) {
            waiting = null;
            deliver(listener, Unpooled.EMPTY_BUFFER, true);
        }
    }

    /** The body cannot complete. */
    public void fail(Throwable cause) {
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

    /** Whether the engine should read on: someone waits, or there is room below the window. */
    public boolean wantsMore() {
        return discarded || waiting != null || bufferedBytes < window;
    }

    /** Whether the handler gave the rest of the body up. */
    public boolean discarded() {
        return discarded;
    }

    /** Releases what waits; answers how many bytes that was. */
    private long releaseChunks() {
        long n = bufferedBytes;
        for (ByteBuf b; (b = chunks.poll()) != null; ) {
            b.release();
        }
        bufferedBytes = 0;
        return n;
    }
}
