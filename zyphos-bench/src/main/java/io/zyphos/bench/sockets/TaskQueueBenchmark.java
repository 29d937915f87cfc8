package io.zyphos.bench.sockets;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The event loop's task queue (the MPSC queue behind {@code NioEventLoop.execute}): jctools'
 * {@code MpscUnboundedArrayQueue}, built on {@code sun.misc.Unsafe}, against
 * {@code MpscUnboundedAtomicArrayQueue}, the same algorithm on {@code AtomicReferenceArray} and
 * field updaters, which the loops use so that JDK 24 and later print no Unsafe warning.
 *
 * <p>{@code batch}: one thread queues {@value #BATCH} tasks and drains them, as a loop does with
 * what it queued to itself (no contention: the cost of the memory accesses alone).
 * {@code handOff}: one thread queues, another drains, as another thread hands work to a loop; the
 * producer waits while {@value #BOUND} tasks are queued so the unbounded queue stays bounded, and
 * the figure that counts is {@code drained}, tasks through the queue per microsecond. Every task
 * polled is checked to be the one queued.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskQueueBenchmark {

    private static final int BATCH = 64;
    private static final int BOUND = 4096;
    private static final Runnable TASK = () -> {};

    @Param({"unsafe", "atomic"})
    public String queue;

    private Queue<Runnable> tasks;

    @Setup
    public void setUp() {
        tasks = switch (queue) {
            case "unsafe" -> new MpscUnboundedArrayQueue<>(1024);
            case "atomic" -> new MpscUnboundedAtomicArrayQueue<>(1024);
            default -> throw new IllegalArgumentException("queue is unsafe or atomic, not " + queue);
        };
    }

    @Benchmark
    @Group("batch")
    @OperationsPerInvocation(BATCH)
    public void offerThenDrain() {
        for (int i = 0; i < BATCH; i++) {
            tasks.offer(TASK);
        }
        for (int i = 0; i < BATCH; i++) {
            if (tasks.poll() != TASK) {
                throw new IllegalStateException("a task was lost");
            }
        }
    }

    /** What one thread of {@code handOff} got done: reported as tasks per microsecond. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Moved {
        public long queued;
        public long drained;
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void producer(Moved moved) {
        if (tasks.size() >= BOUND) {
            Thread.onSpinWait();
        } else if (tasks.offer(TASK)) {
            moved.queued++;
        }
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void consumer(Moved moved) {
        Runnable task = tasks.poll();
        if (task == null) {
            Thread.onSpinWait();
        } else if (task == TASK) {
            moved.drained++;
        } else {
            throw new IllegalStateException("not the task queued");
        }
    }
}
