package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Produces a response body as it goes: the handler returns its status and headers at once and the
 * engine calls {@link #writeTo} once, when the head of the response is on its way.
 *
 * <p>The writer may write everything before it returns, or keep the sink and write later from any
 * thread; either way it ends with {@link BodySink#end} or {@link BodySink#fail}. If
 * {@link #writeTo} throws before ending the body, the engine fails it.
 *
 * <p>It runs where its handler ran: on a virtual thread for a {@link InvocationType#BLOCKING}
 * handler, where {@link BodySink#write} may block for backpressure; on the event loop for a
 * {@link InvocationType#NON_BLOCKING} one, which must use {@link BodySink#onWritable} instead.
 */
@FunctionalInterface
public interface BodyWriter {

    void writeTo(BodySink sink) throws Exception;

    /**
     * A writer that sends {@code source} on as it arrives (an echo, a proxy): one chunk per
     * demand, and the next demanded only once the sink is writable again, so a slow reader of the
     * response slows the writer of the request instead of filling memory. Non-blocking: it runs
     * wherever its callbacks come. Trailer fields of the source are not passed on; an error from
     * the source fails the sink.
     */
    static BodyWriter copyOf(ContentSource source) {
        Objects.requireNonNull(source, "source");
        return sink -> source.demand(new ContentSource.Listener() {
            @Override
            public void onContent(ByteBuf chunk, boolean last, Headers trailers) {
                if (chunk.isReadable()) {
                    sink.write(chunk.retain());
                }
                if (last) {
                    sink.end();
                } else {
                    sink.onWritable(() -> source.demand(this));
                }
            }

            @Override
            public void onError(Throwable cause) {
                sink.fail(cause);
            }
        });
    }
}
