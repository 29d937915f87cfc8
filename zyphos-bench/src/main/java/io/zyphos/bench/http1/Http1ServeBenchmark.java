package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.bench.demo.DemoRoutes;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.ProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole HTTP/1 server path for one read, without a socket: parse, route, call the demo's
 * handler, write the response, over a {@link CapturingConnection}. One operation is one received
 * buffer: a wrk-style GET of {@code /plaintext} or {@code /json}, the 551-byte browser GET of
 * {@link Http1ParseBenchmark} (routed to {@code /plaintext}), or 16 pipelined plaintext GETs.
 * With {@code -prof gc} it shows what a request costs the engine in allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class Http1ServeBenchmark {

    private static final String WRK_PLAINTEXT = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

    @Param({"plaintext", "json", "browserGet", "pipelined16"})
    public String request;

    private InputRing inputs;
    private CapturingConnection connection;
    private ProtocolHandler handler;

    @Setup(Level.Trial)
    public void setUp() {
        String bytes = switch (request) {
            case "plaintext" -> WRK_PLAINTEXT;
            case "json" -> "GET /json HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
            case "browserGet" -> Http1Requests.BROWSER_GET.replace("/docs/getting-started.html?lang=en", "/plaintext");
            case "pipelined16" -> WRK_PLAINTEXT.repeat(16);
            default -> throw new IllegalArgumentException(request);
        };
        inputs = new InputRing(bytes.getBytes(StandardCharsets.US_ASCII));
        HttpHandler noFiles = request -> HttpResponse.of(Status.NOT_FOUND);
        Http1Protocol protocol = Http1Protocol.builder(DemoRoutes.router(noFiles, new MetricsRegistry())).build();
        connection = new CapturingConnection();
        handler = protocol.newHandler(connection);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        handler.onClosed();
        inputs.close();
    }

    @Benchmark
    public long serve() {
        ByteBuf in = inputs.next();
        try {
            handler.onRead(in, System.nanoTime());
        } finally {
            in.release();
        }
        return connection.bytesWritten;
    }
}
