package io.zyphos.http;

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
}
