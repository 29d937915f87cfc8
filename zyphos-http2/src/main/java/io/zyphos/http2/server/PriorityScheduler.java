package io.zyphos.http2.server;

/**
 * Which stream's DATA goes next, by the priorities of RFC 9218: urgency 0 before 1 before ... 7,
 * strictly (§4.1: "lower values mean higher priority"); within one urgency, non-incremental
 * responses one after another in stream-id order, each to its end before the next begins, then
 * incremental ones round-robin, one frame each in turn (§4.2, §10).
 *
 * <p>RFC 9218 leaves open how a server mixes incremental and non-incremental responses of one
 * urgency; here the non-incremental ones go first, since a response the client wants whole gains
 * nothing from sharing the connection and the incremental ones still get every octet it leaves.
 *
 * <p>Only streams with something sendable are listed ({@link ServerStream#isReady()}): a stream
 * whose window is 0 leaves, and comes back on WINDOW_UPDATE, so a zero-window reader costs the
 * scheduler nothing. Sixteen intrusive lists (two per urgency) of the streams themselves, so adding
 * and taking allocate nothing; a non-incremental stream is inserted by id walking from the tail,
 * one step when streams become ready in the order they were opened, as they usually do.
 */
final class PriorityScheduler {

    private static final int LISTS = 16;

    private final ServerStream[] heads = new ServerStream[LISTS];
    private final ServerStream[] tails = new ServerStream[LISTS];
    private int size;

    /** Lists the stream, if it is not already. */
    void add(ServerStream s) {
        if (s.isScheduled()) {
            return;
        }
        int list = PriorityField.urgency(s.priority) * 2 + (PriorityField.incremental(s.priority) ? 1 : 0);
        s.list = list;
        size++;
        ServerStream after = tails[list];
        if ((list & 1) == 0) {
            while (after != null && after.id > s.id) {
                after = after.prev;
            }
        }
        s.prev = after;
        s.next = after == null ? heads[list] : after.next;
        if (after == null) {
            heads[list] = s;
        } else {
            after.next = s;
        }
        if (s.next == null) {
            tails[list] = s;
        } else {
            s.next.prev = s;
        }
    }

    /** Unlists the stream, if it is listed. */
    void remove(ServerStream s) {
        if (!s.isScheduled()) {
            return;
        }
        int list = s.list;
        if (s.prev == null) {
            heads[list] = s.next;
        } else {
            s.prev.next = s.next;
        }
        if (s.next == null) {
            tails[list] = s.prev;
        } else {
            s.next.prev = s.prev;
        }
        s.prev = null;
        s.next = null;
        s.list = -1;
        size--;
    }

    /** The stream to send for now, or null: the head of the first non-empty list. */
    ServerStream next() {
        if (size == 0) {
            return null;
        }
        for (int list = 0; list < LISTS; list++) {
            if (heads[list] != null) {
                return heads[list];
            }
        }
        return null;
    }

    /** The stream sent a frame: an incremental one goes to the back of its list, its turn over. */
    void sent(ServerStream s) {
        if (s.isScheduled() && (s.list & 1) == 1 && s.next != null) {
            remove(s);
            add(s);
        }
    }

    /** The stream's priority changes: it moves to its new place. */
    void reprioritize(ServerStream s, int priority) {
        boolean listed = s.isScheduled();
        remove(s);
        s.priority = priority;
        if (listed) {
            add(s);
        }
    }

    /** How many streams are listed. */
    int size() {
        return size;
    }
}
