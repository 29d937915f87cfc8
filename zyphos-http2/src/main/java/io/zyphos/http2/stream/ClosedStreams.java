package io.zyphos.http2.stream;

import java.util.Arrays;

/**
 * How the last few closed streams closed, so that a frame arriving after the close gets the answer
 * RFC 9113 §5.1 gives for that way of closing, without keeping every identifier a long connection
 * ever used.
 *
 * <p>A ring of the last {@code capacity} closed streams, identifier and final state, in the order
 * they closed. When one falls out, the floor of its parity (client streams odd, server streams
 * even) rises to its identifier. What the registry learns from that, for an identifier at or below
 * the highest one opened of its parity and no longer kept open:
 * <ul>
 *   <li>in the ring: closed, and how;</li>
 *   <li>not in the ring, above the floor: never opened, closed when a higher one was (§5.1.1), since
 *       every stream opened above the floor and closed since is still in the ring;</li>
 *   <li>not in the ring, at or below the floor: closed, how forgotten.</li>
 * </ul>
 * Lookups scan the ring, 128 entries by default: they happen only for frames on streams that are
 * no longer open, and a scan of a few hundred octets costs less than a hash of them would keep up.
 */
final class ClosedStreams {

    private static final StreamState[] STATES = StreamState.values();

    private final int[] ids;
    private final byte[] states;
    private final int[] floors = new int[2];
    private int next;
    private int size;

    ClosedStreams(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("remembering " + capacity + " closed streams");
        }
        ids = new int[capacity];
        states = new byte[capacity];
    }

    /** Remembers that stream {@code id} is closed in {@code state}, in place of what was remembered of it. */
    void remember(int id, StreamState state) {
        int known = indexOf(id);
        if (known >= 0) {
            states[known] = (byte) state.ordinal();
            return;
        }
        if (size == ids.length) {
            int forgotten = ids[next];
            floors[forgotten & 1] = Math.max(floors[forgotten & 1], forgotten);
        } else {
            size++;
        }
        ids[next] = id;
        states[next] = (byte) state.ordinal();
        next = (next + 1) % ids.length;
    }

    /** How stream {@code id}, at or below the highest of its parity, closed. */
    StreamState closedState(int id) {
        int known = indexOf(id);
        if (known >= 0) {
            return STATES[states[known]];
        }
        return id <= floors[id & 1] ? StreamState.CLOSED_FORGOTTEN : StreamState.CLOSED_UNUSED;
    }

    private int indexOf(int id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "closed " + Arrays.toString(Arrays.copyOf(ids, size));
    }
}
