package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same requests as {@link Http1ParseBenchmark}, decoded by Netty's {@code HttpRequestDecoder}
 * in an {@code EmbeddedChannel}: the peer the figures are compared with. Each operation writes the
 * buffer in, reads every decoded message out, takes the method's name, the URI and every header
 * name and value as Strings (as {@link Http1ParseBenchmark#parseToStrings} does), touches the body,
 * and releases what it read. The channel's pipeline is part of the cost, as it is in a Netty
 * server.
 *
 * <p>What Netty makes of the bytes: the method is a constant {@code HttpMethod} for the standard
 * methods; the URI is a new String; five header names (Accept, Host, Connection, Content-Type,
 * Content-Length) are constant {@code AsciiString}s whose String is cached, any other name is a new
 * {@code AsciiString} and, read as a String, a new String too; every value is a new String.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class NettyHttpRequestDecoderBenchmark {

    @Param({"browserGet", "headerHeavy", "apiPost", "pipelined16"})
    public String request;

    private InputRing inputs;
    private int expectedRequests;
    private EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = new InputRing(Http1Requests.named(request));
        expectedRequests = Http1Requests.count(request);
        channel = new EmbeddedChannel(new HttpRequestDecoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        inputs.close();
    }

    @Benchmark
    public int decode(Blackhole bh) {
        channel.writeInbound(inputs.next());
        int requests = 0;
        for (Object message; (message = channel.readInbound()) != null; ) {
            if (message instanceof HttpRequest head) {
                if (!head.decoderResult().isSuccess()) {
                    throw new IllegalStateException(head.decoderResult().toString());
                }
                bh.consume(head.method().name());
                bh.consume(head.uri());
                for (Map.Entry<String, String> field : head.headers()) {
                    bh.consume(field.getKey());
                    bh.consume(field.getValue());
                }
            }
            if (message instanceof HttpContent content) {
                bh.consume(content.content().readableBytes());
            }
            if (message instanceof LastHttpContent) {
                requests++;
            }
            ReferenceCountUtil.release(message);
        }
        if (requests != expectedRequests) {
            throw new IllegalStateException(requests + " requests, expected " + expectedRequests);
        }
        return requests;
    }
}
