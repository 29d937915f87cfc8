package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fuzz target of this module is fuzzed in CI, not only replayed: the pom's fuzz profile has
 * one execution per {@code *FuzzTest} class, and each class holds exactly one {@code @FuzzTest},
 * since Jazzer fuzzes only the first it meets in a JVM. What makes a new parser's target count.
 */
class FuzzTargetsTest {

    @Test
    void everyFuzzTargetHasItsOwnExecutionInTheFuzzProfile() throws IOException, URISyntaxException {
        List<String> targets = fuzzTargets();
        assertFalse(targets.isEmpty(), "no *FuzzTest classes found");
        String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
        for (String target : targets) {
            String simpleName = target.substring(target.lastIndexOf('.') + 1);
            assertTrue(pom.contains("<test>" + simpleName + "</test>"),
                    () -> simpleName + " has no execution in the fuzz profile of pom.xml");
        }
    }

    @Test
    void everyFuzzTargetClassHoldsOneFuzzTest() throws IOException, URISyntaxException, ClassNotFoundException {
        for (String target : fuzzTargets()) {
            long fuzzTests = Arrays.stream(Class.forName(target).getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(FuzzTest.class))
                    .count();
            assertEquals(1, fuzzTests, target);
        }
    }

    /** The binary names of the compiled {@code *FuzzTest} classes. */
    private static List<String> fuzzTargets() throws IOException, URISyntaxException {
        Path classes = Path.of(FuzzTargetsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
