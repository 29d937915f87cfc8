package io.zyphos.testing;

import io.zyphos.server.Connection;
import io.zyphos.server.ConnectionObserver;
import io.zyphos.server.ConnectionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records every connection's state changes, so a test can wait for an event (say, "three
 * connections closed") instead of sleeping, and then assert the whole path each connection took
 * and when each closed.
 */
public final class StateRecorder implements ConnectionObserver {

    private final Map<Long, List<ConnectionState>> paths = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int closed;
    private final List<Long> closedAtNanos = new ArrayList<>();

    @Override
    public void onStateChange(Connection connection, ConnectionState from, ConnectionState to) {
        paths.computeIfAbsent(connection.id(), id -> {
            List<ConnectionState> p = new ArrayList<>();
            p.add(ConnectionState.ACCEPTED);
            return p;
        });
        List<ConnectionState> path = paths.get(connection.id());
        synchronized (path) {
            path.add(to);
        }
        lock.lock();
        try {
            if (to == ConnectionState.CLOSED) {
                closed++;
                closedAtNanos.add(System.nanoTime());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code n} connections have closed; fails the test after {@code timeout}. */
    public void awaitClosed(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (closed < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " closed connections, saw " + closed);
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    public int closedCount() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** When each connection closed ({@code System.nanoTime()}, taken as it did), in the order they closed. */
    public List<Long> closedAtNanos() {
        lock.lock();
        try {
            return List.copyOf(closedAtNanos);
        } finally {
            lock.unlock();
        }
    }

    /** The states connection {@code id} went through, starting with ACCEPTED. */
    public List<ConnectionState> path(long id) {
        List<ConnectionState> p = paths.getOrDefault(id, List.of());
        synchronized (p) {
            return List.copyOf(p);
        }
    }

    public Map<Long, List<ConnectionState>> paths() {
        Map<Long, List<ConnectionState>> copy = new java.util.TreeMap<>();
        paths.keySet().forEach(id -> copy.put(id, path(id)));
        return copy;
    }
}
