package io.zyphos.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.zyphos.buffer.Buffers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a pooled buffer.
 *
 * <p>Registered for every test in every module by JUnit's extension auto-detection (the parent
 * pom turns it on; this jar's {@code META-INF/services} names this class). Netty's leak detector
 * runs at {@code PARANOID}, tracking every buffer; this extension replaces its reporter, which
 * only logs, with one that records, and after each test collects garbage and fails the test if a
 * buffer was collected without being released. The failure message carries Netty's access
 * records: where the buffer was allocated and last touched.
 */
public final class BufferLeakExtension implements AfterEachCallback {

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        // Must run before netty-buffer creates its detector, which it does once, when the first
        // buffer class loads. Auto-detected extensions are created before any test class runs.
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        if (ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.PARANOID.ordinal()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " buffer(s) leaked by or before " + context.getDisplayName() + ":\n"
                    + String.join("\n---\n", leaks));
        }
    }

    /**
     * Runs the collector and lets the detector see what it found. The detector checks its reference
     * queue whenever a buffer is allocated, so a few rounds of collect-then-allocate surface every
     * unreachable, unreleased buffer; a live but unreleased one (still referenced, say, by a static)
     * is not a leak yet and is not reported.
     */
    public static List<String> collectLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            ByteBuf probe = Buffers.allocator().directBuffer(1);
            probe.release();
        }
        List<String> found = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            found.add(leak);
        }
        return found;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (no access records)");
        }
    }
}
