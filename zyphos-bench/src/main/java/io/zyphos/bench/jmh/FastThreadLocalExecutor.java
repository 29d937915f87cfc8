package io.zyphos.bench.jmh;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JMH executor whose benchmark threads are Netty {@link FastThreadLocalThread}s. Netty 4.2's
 * pooled allocator gives a thread-local cache, and its recycler reuses buffer objects, only on such
 * threads by default; on a plain thread every pooled allocation still leaves a buffer object of
 * garbage. Run a benchmark on both kinds to see the difference:
 *
 * <pre>
 * ZYPHOS_JAVA_OPTS="-Djmh.executor=CUSTOM -Djmh.executor.class=io.zyphos.bench.jmh.FastThreadLocalExecutor" \
 *     ./zyphos bench jmh sockets pooled
 * </pre>
 *
 * JMH creates it reflectively with (thread count, thread name prefix).
 */
public final class FastThreadLocalExecutor extends ThreadPoolExecutor {

    public FastThreadLocalExecutor(int threads, String prefix) {
        super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), namedThreads(prefix));
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new FastThreadLocalThread(task, prefix + "-ftl-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
