package io.zyphos.bench.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.bench.embedding.EmbeddingApp.Launch;
import io.zyphos.bench.embedding.EmbeddingApp.Run;
import io.zyphos.server.Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Zyphos as an application embeds it, on the module path (JPMS) and on the class path: one small
 * service, compiled against the built zyphos-sockets and zyphos-http1 and run with the JDK's
 * default options, behaves the same both ways. It serves HTTP, starts without a JDK warning
 * (nothing needs {@code sun.misc.Unsafe} or an incubator module), finds the protocols it provides
 * itself, and a server given no protocol fails with one message that says how to add one.
 */
class EmbeddingAppTest {

    /** How the JVM exits on SIGTERM, once its shutdown hooks have run: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddingApp app = new EmbeddingApp();

    @ParameterizedTest
    @EnumSource(Launch.class)
    void servesHttpAndTheJvmPrintsNoWarning(Launch launch) throws Exception {
        try (Run run = app.start(launch, false, "http", "5000");
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            int port = run.awaitListening(WAIT);
            HttpResponse<String> hello = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello", hello.body());
            run.terminate();
            assertEquals(SIGTERM_EXIT, run.awaitExit(WAIT), "drained by the shutdown hook, then the JVM's own exit");
            assertEquals(List.of(), run.stderr().stream().filter(line -> line.contains("WARNING")).toList(),
                    "what the JVM or a library warned about on standard error");
        }
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void aServerGivenNoProtocolFailsWithTheSameMessageOnBothPaths(Launch launch) throws Exception {
        String expected = assertThrows(IllegalStateException.class, () -> Server.builder().start()).getMessage();
        try (Run run = app.start(launch, false, "no-protocol")) {
            assertEquals(expected, run.nextLine(WAIT), "echo or anything else is never chosen for the application");
            assertEquals(0, run.awaitExit(WAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void aProtocolTheApplicationProvidesAsAServiceIsFound(Launch launch) throws Exception {
        try (Run run = app.start(launch, true, "discovered")) {
            int port = run.awaitListening(WAIT);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write("modules\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertEquals("hello, modules", in.readLine());
            }
            run.terminate();
            assertEquals(SIGTERM_EXIT, run.awaitExit(WAIT));
        }
    }

    /**
     * A module named from its jar's file name changes with the build tool that fetched it, so a
     * library that requires one breaks applications (and Maven warns: do not publish this).
     */
    @Test
    void everyModuleZyphosRequiresDeclaresItsOwnName() throws IOException {
        ModuleFinder libraries = ModuleFinder.of(EmbeddingApp.LIBRARIES.toArray(Path[]::new));
        for (String zyphos : List.of("io.zyphos.sockets", "io.zyphos.http1")) {
            ModuleDescriptor descriptor = libraries.find(zyphos).orElseThrow().descriptor();
            for (ModuleDescriptor.Requires requires : descriptor.requires()) {
                if (ModuleFinder.ofSystem().find(requires.name()).isPresent()) {
                    continue;
                }
                ModuleReference required = libraries.find(requires.name()).orElseThrow(
                        () -> new AssertionError(zyphos + " requires " + requires.name() + ", which no library provides"));
                if (required.descriptor().isAutomatic()) {
                    assertEquals(requires.name(), declaredAutomaticName(required),
                            zyphos + " requires " + requires.name() + ", a name taken from a file name");
                }
            }
        }
        ModuleDescriptor sockets = libraries.find("io.zyphos.sockets").orElseThrow().descriptor();
        assertEquals(Set.of(), sockets.provides(), "zyphos-sockets provides no protocol for a server to fall back on");
    }

    private static String declaredAutomaticName(ModuleReference module) throws IOException {
        try (JarFile jar = new JarFile(Path.of(module.location().orElseThrow()).toFile())) {
            return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        }
    }
}
