package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http1.Http1Event;
import io.zyphos.http1.Http1Fields;
import io.zyphos.http1.Http1ParserSettings;
import io.zyphos.http1.Http1RequestHead;
import io.zyphos.http1.Http1RequestParser;
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
 * Parses fixed requests with {@link Http1RequestParser}. One operation is one received buffer: a
 * browser GET (551 bytes), a header-heavy GET (1,618 bytes), a small JSON POST, or 16 pipelined
 * GETs. Each operation touches every parsed field (method, target, each name and value, the body)
 * and checks the request count, so nothing is optimised away.
 *
 * <p>The input is a pooled direct buffer, handed to the parser as a transport hands over what it
 * read (see {@link InputRing}). Compare with {@link NettyHttpRequestDecoderBenchmark},
 * run in the same invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class Http1ParseBenchmark {

    @Param({"browserGet", "headerHeavy", "apiPost", "pipelined16"})
    public String request;

    private InputRing inputs;
    private int expectedRequests;
    private Http1RequestParser parser;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = new InputRing(Http1Requests.named(request));
        expectedRequests = Http1Requests.count(request);
        parser = new Http1RequestParser(Http1ParserSettings.defaults());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
        inputs.close();
    }

    /** What the parser alone gives: offsets into the received bytes, no String made. */
    @Benchmark
    public int parse(Blackhole bh) {
        return parse(bh, false);
    }

    /**
     * Like for like with {@link NettyHttpRequestDecoderBenchmark}: the method, the target and every
     * field name and value end as Strings. Methods of RFC 9110 are constants (Netty's
     * {@code HttpMethod} too); names are found among {@link HeaderName}'s well-known names, as the
     * server does, and copied only when unknown (Netty knows five names); the target and every value
     * are new Strings, as in Netty.
     */
    @Benchmark
    public int parseToStrings(Blackhole bh) {
        return parse(bh, true);
    }

    private int parse(Blackhole bh, boolean strings) {
        parser.receive(inputs.next());
        int requests = 0;
        while (true) {
            Http1Event event = parser.nextEvent();
            switch (event) {
                case Http1RequestHead head -> {
                    if (strings) {
                        materialise(head, bh);
                    } else {
                        consume(head, bh);
                    }
                }
                case Http1Event.Body body -> {
                    ByteBuf content = body.content();
                    bh.consume(content.getByte(content.readerIndex()));
                    bh.consume(content.readableBytes());
                    content.release();
                }
                case Http1Event.EndOfMessage end -> requests++;
                case Http1Event.NeedData needData -> {
                    if (requests != expectedRequests) {
                        throw new IllegalStateException(requests + " requests, expected " + expectedRequests);
                    }
                    return requests;
                }
                case Http1Event.InputClosed closed -> throw new IllegalStateException("closed");
                case Http1Event.ProtocolError error -> throw new IllegalStateException(error.toString());
            }
        }
    }

    private static void materialise(Http1RequestHead head, Blackhole bh) {
        bh.consume(head.method());
        bh.consume(head.target());
        bh.consume(head.persistent());
        bh.consume(head.contentLength());
        Http1Fields fields = head.fields();
        ByteBuf buf = fields.buffer();
        for (int i = 0; i < fields.size(); i++) {
            HeaderName known = HeaderName.lookup(buf, fields.nameOffset(i), fields.nameLength(i));
            bh.consume(known != null ? known.name() : fields.name(i));
            bh.consume(fields.value(i));
        }
    }

    private static void consume(Http1RequestHead head, Blackhole bh) {
        bh.consume(head.method());
        bh.consume(head.targetOffset());
        bh.consume(head.targetLength());
        bh.consume(head.persistent());
        bh.consume(head.contentLength());
        Http1Fields fields = head.fields();
        for (int i = 0; i < fields.size(); i++) {
            bh.consume(fields.nameOffset(i));
            bh.consume(fields.nameLength(i));
            bh.consume(fields.valueOffset(i));
            bh.consume(fields.valueLength(i));
        }
    }
}
