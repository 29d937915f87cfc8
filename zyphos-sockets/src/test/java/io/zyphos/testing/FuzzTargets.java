package io.zyphos.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules that make a module's fuzz targets fuzzed in CI, not only replayed: the module's pom has
 * one fuzz-profile execution per {@code *FuzzTest} class, and each class holds exactly one
 * {@code @FuzzTest}, since Jazzer fuzzes only the first it meets in a JVM. Each module with fuzz
 * targets checks them with a test of its own that calls {@link #assertEveryTargetIsFuzzedInCi}.
 */
public final class FuzzTargets {

    /** Jazzer's annotation, by name: this test-jar does not depend on Jazzer. */
    private static final String FUZZ_TEST = "com.code_intelligence.jazzer.junit.FuzzTest";

    private FuzzTargets() {}

    /**
     * Checks every compiled {@code *FuzzTest} class of the test classes {@code anchor} belongs to
     * against the module's {@code pom.xml}.
     */
    public static void assertEveryTargetIsFuzzedInCi(Class<?> anchor) throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> targets = targets(anchor);
        assertFalse(targets.isEmpty(), "no *FuzzTest classes found");
        String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
        for (String target : targets) {
            String simpleName = target.substring(target.lastIndexOf('.') + 1);
            assertTrue(pom.contains("<test>" + simpleName + "</test>"),
                    () -> simpleName + " has no execution in the fuzz profile of pom.xml");
            Method[] methods = Class.forName(target, false, anchor.getClassLoader()).getDeclaredMethods();
            long fuzzTests = Arrays.stream(methods)
                    .filter(m -> Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(FUZZ_TEST)))
                    .count();
            assertEquals(1, fuzzTests, target + " holds one @FuzzTest");
        }
    }

    /** The binary names of the compiled {@code *FuzzTest} classes beside {@code anchor}. */
    private static List<String> targets(Class<?> anchor) throws IOException, URISyntaxException {
        Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith("FuzzTest.class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
