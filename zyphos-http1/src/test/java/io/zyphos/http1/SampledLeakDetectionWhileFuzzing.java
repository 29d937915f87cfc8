package io.zyphos.http1;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lowers Netty's leak detector from PARANOID to SIMPLE while a fuzz target that feeds the HTTP/1
 * parser runs in fuzzing mode ({@code JAZZER_FUZZ} set), and puts it back after the class.
 *
 * <p>PARANOID records a stack trace at every access to every buffer, and the parser reads its
 * input a byte at a time: it made those targets 20 to 200 times slower, a few runs a second for
 * {@link ChunkedTrailersFuzzTest}. While fuzzing, a leak is still caught on the input that caused
 * it, since the targets check that every buffer they handed the parser is released once it is
 * closed, and the detector still samples, and logs, the parser's own buffers. Replaying the seeds
 * and the corpus in a plain {@code mvn test} keeps PARANOID and BufferLeakExtension.
 */
final class SampledLeakDetectionWhileFuzzing implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SampledLeakDetectionWhileFuzzing.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isFuzzing()) {
            context.getStore(NAMESPACE).put(ResourceLeakDetector.Level.class, ResourceLeakDetector.getLevel());
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ResourceLeakDetector.Level before = context.getStore(NAMESPACE).remove(ResourceLeakDetector.Level.class,
                ResourceLeakDetector.Level.class);
        if (before != null) {
            ResourceLeakDetector.setLevel(before);
        }
    }

    /** As Jazzer's JUnit integration decides it: JAZZER_FUZZ set to true, 1 or yes, in the environment or as a property. */
    private static boolean isFuzzing() {
        for (String value : new String[] {System.getenv("JAZZER_FUZZ"), System.getProperty("JAZZER_FUZZ")}) {
            if (value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"))) {
                return true;
            }
        }
        return false;
    }
}
