package app;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What EmbeddingAppTest and ShutdownOnSignalTest run, on the module path and on the class path,
 * with the JVM's default options:
 *
 * <ul>
 *   <li>{@code http DRAIN_MILLIS}: an HTTP/1.1 server with {@code /hello}, and {@code /slow}, which
 *       answers with the next line of standard input (so the test decides when it finishes); it
 *       drains on SIGTERM and SIGINT, and {@code main} returns once the server has stopped.
 *   <li>{@code no-protocol}: prints why a server given no protocol does not start.
 *   <li>{@code discovered}: a server given no protocol, speaking the ones the application provides
 *       as services (module {@code app.greeting} when it is there).
 *   <li>{@code closed}: a server that would drain on a signal, closed at once; then the
 *       application waits for a line of input.
 * </ul>
 */
public final class Main {

    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "http" -> http(Duration.ofMillis(Long.parseLong(args[1])));
            case "no-protocol" -> noProtocol();
            case "discovered" -> discovered();
            case "closed" -> closed();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void http(Duration drain) throws Exception {
        Router router = Router.builder()
                .get("/hello", HttpHandler.nonBlocking(request -> HttpResponse.text(Status.OK, "Hello")))
                .get("/slow", request -> {
                    System.out.println("slow request started");
                    String line = STDIN.readLine();
                    return HttpResponse.text(Status.OK, "finished: " + line);
                })
                .build();
        Server server = Server.builder()
                .protocol(Http1Protocol.builder(router).build())
                .shutdownOnSignal(drain)
                .afterStop(() -> System.out.println("after stop: cleaned up"))
                .start();
        System.out.println("listening on " + server.port());
        server.awaitShutdown();
        System.out.println("stopped");
    }

    private static void noProtocol() throws Exception {
        try (Server server = Server.builder().start()) {
            System.out.println("started " + server + " with no protocol given");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
    }

    private static void closed() throws Exception {
        Server server = Server.builder().protocol(new EchoProtocol()).shutdownOnSignal(Duration.ofSeconds(5)).start();
        server.close();
        System.out.println("closed");
        STDIN.readLine();
    }

    private static void discovered() throws Exception {
        Server server = Server.builder().shutdownOnSignal(Duration.ofSeconds(5)).start();
        System.out.println("listening on " + server.port());
        server.awaitShutdown();
    }
}
