package io.zyphos.server.internal.nio;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.zyphos.buffer.Buffers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One selector thread that owns its connections for their whole life: every read, write, timer
 * and handler callback of a connection runs here, so none of them takes a lock.
 *
 * <p>Each turn of the loop: wait in {@code select} (until a socket is ready, a task arrives or the
 * next timer tick), handle ready keys, run queued tasks, fire due timers. Other threads reach the
 * loop only through {@link #execute}: a lock-free MPSC queue plus a wake-up, and only when the
 * loop is actually asleep, so a busy loop pays no system call per task.
 *
 * <p>Timers live on a hashed timer wheel with ticks of about 16.8 ms (2<sup>24</sup> ns): O(1) to
 * schedule and cancel, and the loop wakes once a tick only while a timer is pending. That grain is
 * fine for what TCP protocols time (idle, read and shutdown timeouts, seconds long).
 *
 * <p>The thread is a Netty {@link FastThreadLocalThread}, so buffers allocated on the loop come
 * from its own pool cache and their objects are recycled.
 */
public final class NioEventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(NioEventLoop.class.getName());

    static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;
    private static final long TICK_NANOS = 1L << 24;
    private static final int TICKS_PER_WHEEL = 512;
    /** Bytes read per read call; a socket with more ready is read again, up to a few times. */
    static final int READ_BUFFER_SIZE = 16 * 1024;
    /** Buffers gathered into one write call (Linux IOV_MAX is 1024; few writes need more). */
    private static final int GATHER = 64;

    /** Something the loop calls when a timer fires. */
    interface TimerTarget {
        void onTimer(long nowNanos);
    }

    /** Something registered with the selector. */
    interface Selectable {
        void onReady(SelectionKey key);

        /** The loop is stopping: let go of the channel and its buffers. */
        void onLoopStop();
    }

    private final Selector selector;
    private final Thread thread;
    private final MpscUnboundedAtomicArrayQueue<Runnable> tasks = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<TimerTarget> timerTargets = new Long2ObjectHashMap<>();
    private final ArrayList<TimerTarget> expired = new ArrayList<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private ByteBuf readBuffer;

    NioEventLoop(String name, boolean daemon) throws IOException {
        this.selector = Selector.open();
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, System.nanoTime(), TICK_NANOS, TICKS_PER_WHEEL);
        // A Netty FastThreadLocalThread: only on those does the pooled allocator keep a cache per
        // thread and recycle buffer objects by default, so a loop's allocations leave no garbage
        // (on a plain thread every pooled buffer leaves its 116-byte object behind).
        this.thread = new FastThreadLocalThread(this, name);
        this.thread.setDaemon(daemon);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** {@code false} once the loop is stopping: late registrations close at once. */
    boolean isRunning() {
        return running;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop, soon. Any thread. */
    void execute(Runnable task) {
        tasks.offer(task);
        if (!inLoop() && sleeping.compareAndSet(true, false)) {
            // Selector.wakeup is sticky: if the loop has not reached select yet, its next select
            // returns at once, so the task cannot be missed.
            selector.wakeup();
        }
    }

    /** The loop's scatter/gather scratch array, for a connection's write. Loop thread only. */
    ByteBuffer[] gatherArray() {
        return gather;
    }

    /** The loop's read buffer, shared by its connections: read into, dispatch, reuse. */
    ByteBuf readBuffer() {
        ByteBuf b = readBuffer;
        if (b == null) {
            b = Buffers.allocator().directBuffer(READ_BUFFER_SIZE);
            readBuffer = b;
        }
        return b;
    }

    /**
     * Takes the read buffer back after a dispatch. If the handler kept a retained slice of it, the
     * memory now belongs to that slice too, so the loop lets go and takes a fresh one next time.
     */
    void recycleReadBuffer(ByteBuf b) {
        if (b.refCnt() == 1) {
            b.clear();
        } else {
            b.release();
            readBuffer = null;
        }
    }

    /** Schedules {@code target} at {@code deadlineNanos}; answers the timer's id. Loop thread only. */
    long schedule(long deadlineNanos, TimerTarget target) {
        if (wheel.timerCount() == 0) {
            wheel.resetStartTime(System.nanoTime());
        }
        long id = wheel.scheduleTimer(deadlineNanos);
        timerTargets.put(id, target);
        return id;
    }

    void cancel(long timerId) {
        if (timerId != NO_TIMER) {
            wheel.cancelTimer(timerId);
            timerTargets.remove(timerId);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                selectOnce();
                runTasks();
                fireTimers(System.nanoTime());
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, thread.getName() + " stopped by an unexpected error", t);
        } finally {
            closeAll();
            stopped.countDown();
        }
    }

    private void selectOnce() throws IOException {
        if (!tasks.isEmpty()) {
            selector.selectNow(this::onReady);
            return;
        }
        long timeoutMillis = 0;
        if (wheel.timerCount() > 0) {
            long untilTick = wheel.currentTickTime() - System.nanoTime();
            if (untilTick <= 0) {
                selector.selectNow(this::onReady);
                return;
            }
            timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilTick));
        }
        sleeping.set(true);
        try {
            if (!tasks.isEmpty()) {
                selector.selectNow(this::onReady);
            } else {
                selector.select(this::onReady, timeoutMillis);
            }
        } finally {
            sleeping.set(false);
        }
    }

    private void onReady(SelectionKey key) {
        if (key.attachment() instanceof Selectable s) {
            try {
                s.onReady(key);
            } catch (Throwable t) {
                // Nothing one channel does may stop the loop that serves all the others.
                reportQuietly(t);
            }
        }
    }

    /**
     * Logs, unless logging itself fails: out of file descriptors, even loading the time zone
     * data a log formatter needs can throw, and that must not take the loop down either.
     */
    private void reportQuietly(Throwable t) {
        try {
            LOG.log(Level.ERROR, "unexpected error on " + thread.getName(), t);
        } catch (Throwable ignored) {
            // Nowhere left to report it.
        }
    }

    private void runTasks() {
        // Bounded, so a flood of tasks cannot starve the sockets; what is left runs next turn.
        for (int i = 0; i < 4096; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                reportQuietly(t);
            }
        }
    }

    private void fireTimers(long now) {
        if (wheel.timerCount() == 0) {
            return;
        }
        // The wheel advances one tick per poll; a loop that slept long catches up tick by tick.
        // Targets are collected first and called after, so they may reschedule freely.
        do {
            wheel.poll(now, this::collectExpired, Integer.MAX_VALUE);
        } while (wheel.currentTickTime() <= now && wheel.timerCount() > 0);
        for (int i = 0; i < expired.size(); i++) {
            expired.get(i).onTimer(now);
        }
        expired.clear();
    }

    private boolean collectExpired(TimeUnit unit, long now, long timerId) {
        TimerTarget target = timerTargets.remove(timerId);
        if (target != null) {
            expired.add(target);
        }
        return true;
    }

    /** Stops the loop after its current turn; its remaining channels are closed. Any thread. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Closes the selector of a loop whose thread never started: a transport that failed to start. */
    void closeUnstarted() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException(thread.getName() + " has started; stop it instead");
        }
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector of " + thread.getName(), e);
        }
    }

    /**
     * Waits until the loop has stopped and its thread has ended: the latch falls in the thread's
     * last lines, so the thread itself is joined too, and no thread of a closed server is left.
     */
    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!stopped.await(timeout, unit)) {
            return false;
        }
        long left = deadline - System.nanoTime();
        return left > 0 && thread.join(java.time.Duration.ofNanos(left));
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Selectable s) {
                try {
                    s.onLoopStop();
                } catch (Throwable t) {
                    LOG.log(Level.WARNING, "closing a channel at loop stop", t);
                }
            }
        }
        // Tasks that arrived meanwhile (a close, say) still run, so their buffers are released.
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "task threw at loop stop", t);
            }
        }
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
