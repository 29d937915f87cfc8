package io.zyphos.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's open connections: admission against the connection limit, the set graceful
 * shutdown walks, and a way to wait until it is empty. Thread-safe.
 */
public final class ConnectionRegistry {

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap.KeySetView<AbstractConnection, Boolean> live = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();

    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Takes a place for a new connection, or answers {@code false} when the server is full. */
    public boolean tryAdmit() {
        while (true) {
            int n = open.get();
            if (n >= maxConnections) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public long nextId() {
        return nextId.incrementAndGet();
    }

    /** Registers an admitted connection. */
    public void add(AbstractConnection c) {
        live.add(c);
    }

    /** Gives back the place of a closed connection. */
    public void remove(AbstractConnection c) {
        live.remove(c);
        releasePlace();
    }

    /** Gives back a place taken by {@link #tryAdmit()} for a connection that never got going. */
    public void releasePlace() {
        if (open.decrementAndGet() == 0) {
            lock.lock();
            try {
                empty.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public int open() {
        return open.get();
    }

    public List<AbstractConnection> snapshot() {
        return new ArrayList<>(live);
    }

    /** Waits until no connection is open or the deadline ({@link System#nanoTime()}) passes. */
    public boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (open.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                empty.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
