package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.zyphos.buffer.Buffers;
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
 * buffer in, reads every decoded message out, touches the method, URI, each header and the body,
 * and releases what it read. The channel's pipeline is part of the cost, as it is in a Netty
 * server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"})
public class NettyHttpRequestDecoderBenchmark {

    @Param({"browserGet", "apiPost", "pipelined16"})
    public String request;

    private final ByteBuf[] inputs = new ByteBuf[2];
    private int next;
    private int expectedRequests;
    private EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = Http1Requests.named(request);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Buffers.allocator().directBuffer(bytes.length).writeBytes(bytes);
        }
        expectedRequests = Http1Requests.count(request);
        channel = new EmbeddedChannel(new HttpRequestDecoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        for (ByteBuf input : inputs) {
            input.release();
        }
    }

    @Benchmark
    public int decode(Blackhole bh) {
        channel.writeInbound(nextInput());
        int requests = 0;
        for (Object message; (message = channel.readInbound()) != null; ) {
            if (message instanceof HttpRequest head) {
                if (!head.decoderResult().isSuccess()) {
                    throw new IllegalStateException(head.decoderResult().toString());
                }
                bh.consume(head.method());
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

    /**
     * One of two pooled direct buffers holding the request, rewound and retained for the callee,
     * which releases it once it has read it all. Two, alternating, because the callee keeps the
     * last buffer until the next arrives; this is how a transport's read buffers come and go, and
     * it allocates nothing.
     */
    private ByteBuf nextInput() {
        ByteBuf input = inputs[next];
        next ^= 1;
        return input.readerIndex(0).retain();
    }
}
