package io.zyphos.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of a process as Linux accounts it (proc(5), /proc/PID/stat: utime plus stime, all its
 * threads together), for the server under load and for the load generator driving it.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ), 100 on Linux. */
    private static final double CLOCK_TICKS = 100.0;
    /** How often a watched process is read: one clock tick, the finest its figure changes by. */
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Process process;
    private final long started;
    private final Thread watcher;
    /** The last reading before the process ended, and when it was taken; written by the watcher only. */
    private double lastSeconds = Double.NaN;
    private long lastNanos;

    private ProcessCpu(Process process, long started) {
        this.process = process;
        this.started = started;
        this.watcher = Thread.ofVirtual().name("cpu-watch-" + process.pid()).unstarted(this::watch);
    }

    /** User plus system CPU seconds process {@code pid} has used so far. */
    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS;
    }

    /**
     * Starts reading {@code process}'s CPU time every clock tick until it ends. Once the JDK has
     * reaped an exited process its /proc entry is gone, so the last reading before that stands
     * for the whole run (at most a tick or two short).
     *
     * @param started {@link System#nanoTime()} just before the process was started
     */
    static ProcessCpu watch(Process process, long started) {
        ProcessCpu cpu = new ProcessCpu(process, started);
        cpu.watcher.start();
        return cpu;
    }

    /**
     * Waits for the watch to end (the process must have exited) and returns the CPU the process
     * used as a share of one core over its life: 1.0 is one core busy all the time. NaN when it
     * could not be read at all.
     */
    double coreShare() throws InterruptedException {
        watcher.join();
        double wall = (lastNanos - started) / 1e9;
        return Double.isNaN(lastSeconds) || wall <= 0 ? Double.NaN : lastSeconds / wall;
    }

    private void watch() {
        while (true) {
            try {
                double seconds = seconds(process.pid());
                lastSeconds = seconds;
                lastNanos = System.nanoTime();
            } catch (IOException | RuntimeException gone) {
                return;
            }
            if (!process.isAlive()) {
                return;
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }
}
