package io.zyphos.server.internal.blocking;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One thread per server that keeps the deadlines of all its blocking connections, so a
 * connection's thread can block in a plain {@code read} with no socket timeout: a timed read on a
 * channel's socket costs four {@code fcntl} calls per read (the JDK switches the socket to
 * non-blocking and back around a poll), a plain read none.
 *
 * <p>A connection asks for its deadline with {@link #request}: it writes the deadline into its
 * own field and offers itself to a lock-free MPSC queue, with a wake-up only when this thread is
 * asleep. Connections ask only when their deadline moves earlier than the one held here (the idle
 * deadline moves later on every read and never asks), so a busy connection almost never does.
 * This thread moves the requests onto agrona's {@link DeadlineTimerWheel} (ticks of about
 * 16.8 ms, as on the event loops) and, when a timer fires, tells the connection, which decides
 * what is due and runs it under its own lock.
 */
final class DeadlineTimer implements Runnable {

    private static final System.Logger LOG = System.getLogger(DeadlineTimer.class.getName());

    static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;
    private static final long TICK_NANOS = 1L << 24;
    private static final int TICKS_PER_WHEEL = 512;

    private final Thread thread;
    private final MpscUnboundedAtomicArrayQueue<BlockingConnection> requests = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<BlockingConnection> targets = new Long2ObjectHashMap<>();
    private final ArrayList<BlockingConnection> expired = new ArrayList<>();
    private volatile boolean running = true;

    DeadlineTimer(String name) {
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, System.nanoTime(), TICK_NANOS, TICKS_PER_WHEEL);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /**
     * Takes up {@code c}'s {@link BlockingConnection#requestedDeadline}: schedules it, replacing
     * the one held, or cancels when it is {@link Long#MAX_VALUE}. Any thread.
     */
    void request(BlockingConnection c) {
        requests.offer(c);
        if (sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                takeRequests();
                fire(System.nanoTime());
                sleep();
            }
        } finally {
            requests.clear();
            targets.clear();
            wheel.clear();
        }
    }

    private void takeRequests() {
        for (BlockingConnection c; (c = requests.poll()) != null; ) {
            if (c.timerId != NO_TIMER) {
                wheel.cancelTimer(c.timerId);
                targets.remove(c.timerId);
                c.timerId = NO_TIMER;
            }
            long deadline = c.requestedDeadline;
            if (deadline != Long.MAX_VALUE && !c.isClosed()) {
                if (wheel.timerCount() == 0) {
                    wheel.resetStartTime(System.nanoTime());
                }
                long id = wheel.scheduleTimer(deadline);
                targets.put(id, c);
                c.timerId = id;
            }
        }
    }

    private void fire(long now) {
        if (wheel.timerCount() == 0) {
            return;
        }
        // The wheel advances one tick per poll; a late wake-up catches up tick by tick.
        do {
            wheel.poll(now, this::collect, Integer.MAX_VALUE);
        } while (wheel.currentTickTime() <= now && wheel.timerCount() > 0);
        for (int i = 0; i < expired.size(); i++) {
            BlockingConnection c = expired.get(i);
            try {
                c.deadlineFired(now);
            } catch (Throwable t) {
                // Nothing one connection does may stop the timer that serves all the others.
                LOG.log(Level.ERROR, "unexpected error firing a deadline of " + c, t);
            }
        }
        expired.clear();
    }

    private boolean collect(TimeUnit unit, long now, long timerId) {
        BlockingConnection c = targets.remove(timerId);
        if (c != null) {
            c.timerId = NO_TIMER;
            expired.add(c);
        }
        return true;
    }

    private void sleep() {
        sleeping.set(true);
        try {
            if (!requests.isEmpty() || !running) {
                return;
            }
            if (wheel.timerCount() == 0) {
                LockSupport.park(this);
            } else {
                long untilTick = wheel.currentTickTime() - System.nanoTime();
                if (untilTick > 0) {
                    LockSupport.parkNanos(this, untilTick);
                }
            }
        } finally {
            sleeping.set(false);
        }
    }

    /** Stops the thread and waits for it; deadlines still held are dropped. Any thread. */
    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
    }
}
