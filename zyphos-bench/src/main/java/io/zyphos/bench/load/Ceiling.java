package io.zyphos.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: {@code zyphos-bench/src/main/c/ceiling.c}, a C program that only counts request
 * heads in an epoll loop on one thread and writes the demo's bytes back for each. No server here
 * can do less work per request on the same core and kernel, so how far each server is from it
 * says how much of its figure is the server and how much is the kernel and the load generator.
 * The source travels in the jar; it is compiled with the system C compiler when the harness runs.
 */
final class Ceiling {

    static final String NAME = "ceiling";
    /** The compilers tried, in order. */
    static final List<String> COMPILERS = List.of("cc", "gcc");

    /** The built program, or null and why there is none. */
    record Build(Path program, String description) {
        boolean built() {
            return program != null;
        }
    }

    private Ceiling() {}

    /** Whether the ceiling can answer {@code endpoint}: bodiless GETs of /plaintext and /json only. */
    static boolean answers(Endpoint endpoint) {
        return endpoint == Endpoint.PLAINTEXT || endpoint == Endpoint.PLAINTEXT_KEEPALIVE || endpoint == Endpoint.JSON;
    }

    /** Builds the ceiling into {@code zyphos-bench/target/ceiling/}, next to the jar or classes this runs from. */
    static Build build() throws IOException {
        return build(targetDirectory().resolve("ceiling"));
    }

    /**
     * Compiles the ceiling's source into {@code dir} with the first of {@link #COMPILERS} on the
     * PATH, unless the program there was built from the same source. Never fails for want of a
     * compiler or for a compile error: the build then says why there is no program.
     */
    static Build build(Path dir) throws IOException {
        Path compiler = COMPILERS.stream().map(Tools::find).filter(Objects::nonNull).findFirst().orElse(null);
        if (compiler == null) {
            return new Build(null, "no C compiler (" + String.join(" or ", COMPILERS) + ") on the PATH");
        }
        byte[] source;
        try (InputStream in = Ceiling.class.getResourceAsStream("ceiling.c")) {
            if (in == null) {
                return new Build(null, "ceiling.c is not in the jar");
            }
            source = in.readAllBytes();
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("ceiling.c");
        Path program = dir.resolve("ceiling");
        String how = compiler + " -O2";
        if (Files.isExecutable(program) && Files.exists(file) && Arrays.equals(Files.readAllBytes(file), source)) {
            return new Build(program, how);
        }
        // Written and compiled under names of this process's own, then moved in whole, so two
        // builds at once (a test and a load run) never see each other's half-written files.
        String own = "." + ProcessHandle.current().pid();
        Path tmpSource = dir.resolve("ceiling" + own + ".c");
        Path tmpProgram = dir.resolve("ceiling" + own);
        Files.write(tmpSource, source);
        try {
            Tools.run(List.of(compiler.toString(), "-O2", "-Wall", "-o", tmpProgram.toString(), tmpSource.toString()),
                    2, TimeUnit.MINUTES);
        } catch (IOException e) {
            Files.deleteIfExists(tmpSource);
            Files.deleteIfExists(tmpProgram);
            return new Build(null, compiler + " could not build ceiling.c: " + e.getMessage());
        }
        Files.move(tmpProgram, program, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpSource, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Build(program, how);
    }

    /** {@code zyphos-bench/target}: the directory holding the jar, or the classes directory, this class came from. */
    private static Path targetDirectory() throws IOException {
        try {
            Path origin = Path.of(Ceiling.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return origin.toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where zyphos-bench/target is: " + e.getMessage(), e);
        }
    }
}
