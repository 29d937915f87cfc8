package io.zyphos.http2.stream;

/**
 * One stream a {@link StreamRegistry} keeps: its identifier, its state and its two flow-control
 * windows. The registry creates it when the stream leaves idle and drops it when it closes;
 * after that only its identifier and how it closed are remembered, for a while.
 *
 * <p>Memory, measured with JOL 0.17 on JDK 25 (compressed references and class pointers): this
 * object 32 octets (the attachment's reference took what was padding), its {@link FlowControlWindow}
 * 16 and its {@link ReceiveWindow} 32, 80 in all, plus its slot in the registry's table (4 octets, the table between a quarter and half full: 8 to
 * 16). The README's "Memory per stream" tells how it was measured.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class Http2Stream {

    private int id;
    private StreamState state;
    private final FlowControlWindow sendWindow;
    private final ReceiveWindow receiveWindow;
    /** Whatever the engine keeps beside the stream; the registry never reads it. */
    private Object attachment;

    Http2Stream(int id, StreamState state, FlowControlWindow sendWindow, ReceiveWindow receiveWindow) {
        this.id = id;
        this.state = state;
        this.sendWindow = sendWindow;
        this.receiveWindow = receiveWindow;
    }

    /** This object, closed and given back, becomes stream {@code newId} (StreamRegistry's pool). */
    void reuse(int newId, StreamState newState, int sendInitial, int receiveInitial) {
        id = newId;
        state = newState;
        sendWindow.reset(sendInitial);
        receiveWindow.reset(receiveInitial);
        attachment = null;
    }

    /** The stream identifier, 1 to 2^31-1. */
    public int id() {
        return id;
    }

    /** The state the stream is in; never a closed one while the registry keeps it. */
    public StreamState state() {
        return state;
    }

    void state(StreamState next) {
        state = next;
    }

    /** What this endpoint may still send on the stream. */
    public FlowControlWindow sendWindow() {
        return sendWindow;
    }

    /** What the peer may still send on the stream, and when to give credit back. */
    public ReceiveWindow receiveWindow() {
        return receiveWindow;
    }

    /**
     * What the connection engine keeps for this stream (its send queue, its priority), or null:
     * kept here so that finding a stream's engine state costs no second table lookup by identifier.
     * The registry neither reads it nor clears it when the stream closes.
     */
    public Object attachment() {
        return attachment;
    }

    /** Sets {@link #attachment()}; null to drop it. */
    public void attachment(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "stream " + id + " " + state.rfcName();
    }
}
