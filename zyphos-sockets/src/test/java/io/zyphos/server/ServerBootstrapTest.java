package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.ResourceSnapshot;
import io.zyphos.testing.TestProtocol;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an application starts a server: it names the protocol the server speaks (nothing is chosen
 * for it) or provides protocols as services of its own. The same on the module path: see
 * zyphos-bench's {@code EmbeddingAppTest}.
 */
class ServerBootstrapTest {

    @Test
    void aServerWithNoProtocolDoesNotStartAndSaysHowToAddOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Server.builder().name("no-protocol").start());
        assertEquals(Server.NO_PROTOCOL, e.getMessage());
        assertTrue(e.getMessage().contains(".protocol(Http1Protocol.builder(router).build())"), e.getMessage());
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("no-protocol"), "nothing was started");
    }

    @Test
    void aProtocolTheApplicationProvidesAsAServiceIsUsedWhenNoneIsGiven(@TempDir Path app) throws Exception {
        // What an application jar on the class path holds to provide a protocol.
        Path services = Files.createDirectories(app.resolve("META-INF/services"));
        Files.writeString(services.resolve(Protocol.class.getName()), EchoProtocol.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            try (Server server = Server.builder().start();
                 LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                assertEquals("found", client.send("found").readAscii(5));
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
