package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http2.stream.Http2Stream;

/**
 * What the engine keeps for one stream beside the registry's {@link Http2Stream} (whose
 * attachment it is): the request's progress, the response's, the DATA the application queued and
 * not yet sent, and the stream's place in the {@link PriorityScheduler}. Reused from a pool once
 * the stream closes, so a stream allocates nothing of the engine's in steady state.
 */
final class ServerStream {

    /** Where the response is (RFC 9113 §8.1): the final HEADERS not yet sent, sent, or its END_STREAM queued. */
    enum Response { NOT_STARTED, HEADERS_SENT, END_QUEUED }

    Http2Stream stream;
    int id;
    /** The request was handed to the listener: its events (DATA, resets) go there too. */
    boolean requestDelivered;
    /** The request's content-length, or -1; and the DATA octets received (RFC 9113 §8.1.1). */
    long contentLength;
    long received;
    Response response;
    /** Trailers to send once the queued DATA is out; encoded only then, so HPACK sees blocks in wire order. */
    Headers trailers;

    // RFC 9218: the urgency 0-7 and the incremental flag, packed (PriorityField).
    int priority;

    // The DATA queued: a ring of the application's buffers, owned until written.
    private ByteBuf[] queue = new ByteBuf[4];
    private int head;
    private int count;
    long queuedBytes;
    /** The application was told the stream is not writable, and is owed onStreamWritable. */
    boolean writableOwed;

    // The scheduler's intrusive list.
    ServerStream prev;
    ServerStream next;
    int list = -1;

    void open(Http2Stream stream, int priority) {
        this.stream = stream;
        this.id = stream.id();
        this.priority = priority;
        this.requestDelivered = false;
        this.contentLength = -1;
        this.received = 0;
        this.response = Response.NOT_STARTED;
        this.trailers = null;
        this.writableOwed = false;
    }

    boolean isScheduled() {
        return list >= 0;
    }

    /** Takes ownership of {@code data}. */
    void enqueue(ByteBuf data) {
        if (count == queue.length) {
            ByteBuf[] bigger = new ByteBuf[queue.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = queue[(head + i) % queue.length];
            }
            queue = bigger;
            head = 0;
        }
        queue[(head + count) % queue.length] = data;
        count++;
        queuedBytes += data.readableBytes();
    }

    /** Copies {@code n} queued octets into {@code out}, releasing each buffer it empties. */
    void writeQueued(ByteBuf out, int n) {
        int left = n;
        while (left > 0) {
            ByteBuf first = queue[head];
            int take = Math.min(left, first.readableBytes());
            out.writeBytes(first, take);
            left -= take;
            if (!first.isReadable()) {
                dropFirst();
            }
        }
        queuedBytes -= n;
        while (count > 0 && !queue[head].isReadable()) {
            dropFirst();
        }
    }

    private void dropFirst() {
        queue[head].release();
        queue[head] = null;
        head = (head + 1) % queue.length;
        count--;
    }

    /** Releases what is queued and forgets the stream, ready for the pool. */
    void clear() {
        while (count > 0) {
            dropFirst();
        }
        head = 0;
        queuedBytes = 0;
        trailers = null;
        stream = null;
    }

    /**
     * Whether the scheduler has something to send for it: DATA with room in the stream's window,
     * or an end (an empty DATA with END_STREAM, or trailers) that needs no window.
     */
    boolean isReady() {
        if (queuedBytes > 0) {
            return stream.sendWindow().available() > 0;
        }
        return response == Response.END_QUEUED;
    }
}
