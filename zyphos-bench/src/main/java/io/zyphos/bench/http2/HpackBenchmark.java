package io.zyphos.bench.http2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.zyphos.buffer.Buffers;
import io.zyphos.http2.hpack.HeaderFieldSink;
import io.zyphos.http2.hpack.HeaderFieldValidator;
import io.zyphos.http2.hpack.HpackDecoder;
import io.zyphos.http2.hpack.HpackEncoder;
import java.util.ArrayList;
import java.util.List;
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
 * HPACK decoding and encoding on a warm connection, Zyphos beside Netty's codec-http2, in the
 * same run. One operation is every header block of the {@link HpackWorkloads workload}: the ten
 * browser requests, the small all-indexed GET, or the response.
 *
 * <p>Warm: at set-up each side's encoder and decoder go through the workload once, so their
 * dynamic tables hold what a connection that has served these requests holds. The blocks
 * measured are the second round's, which store nothing new, so decoding them again and again
 * leaves the table as it was (checked at set-up). Both decoders read the same octets, Zyphos's
 * encoder's second round, from pooled direct buffers.
 *
 * <p>Like for like: each decode ends with every field's name and value in the application's
 * hands, and with the RFC 9113 field rules checked (Zyphos: {@link HeaderFieldValidator}, which
 * also keeps the pseudo-headers apart; Netty: {@code validateHeaders} on, its default). Zyphos
 * hands over Strings; Netty hands over {@code AsciiString}s in a new {@code DefaultHttp2Headers},
 * which the benchmark iterates, reading each as a CharSequence without making a String of it.
 * Each encode writes the whole block into a reused buffer; Netty's input is a
 * {@code DefaultHttp2Headers} built at set-up. Netty Huffman-codes only strings of 512 octets or
 * more by default, Zyphos every string that is not longer for it: on warm blocks, nearly all
 * fields are indexed and the difference is small.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class HpackBenchmark {

    private static final int STREAM_ID = 3;

    @Param({"browser", "indexed", "response"})
    public String workload;

    private List<List<String[]>> lists;
    private final List<ByteBuf> blocks = new ArrayList<>();
    private ByteBuf out;
    private int expectedFields;
    private int pseudoHeaderFields;

    private HpackDecoder zyphosDecoder;
    private HeaderFieldValidator validator;
    private HeaderFieldSink counting;
    private HeaderFieldValidator.Section section;
    private HpackEncoder zyphosEncoder;
    private final Blackhole[] sinkBlackhole = new Blackhole[1];
    private final int[] fieldCount = new int[1];

    private DefaultHttp2HeadersDecoder nettyDecoder;
    private DefaultHttp2HeadersEncoder nettyEncoder;
    private final List<Http2Headers> nettyHeaders = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Http2Exception {
        lists = HpackWorkloads.named(workload);
        section = workload.equals("response") ? HeaderFieldValidator.Section.RESPONSE : HeaderFieldValidator.Section.REQUEST;
        out = Buffers.allocator().directBuffer(4096);
        zyphosEncoder = new HpackEncoder();
        zyphosDecoder = new HpackDecoder();
        HeaderFieldSink regular = (name, value, neverIndexed) -> {
            sinkBlackhole[0].consume(name);
            sinkBlackhole[0].consume(value);
            fieldCount[0]++;
        };
        validator = new HeaderFieldValidator(regular);
        counting = regular;
        nettyDecoder = new DefaultHttp2HeadersDecoder(true);
        nettyEncoder = new DefaultHttp2HeadersEncoder();
        for (List<String[]> list : lists) {
            expectedFields += list.size();
            pseudoHeaderFields += (int) list.stream().filter(field -> field[0].startsWith(":")).count();
            Http2Headers headers = new DefaultHttp2Headers();
            for (String[] field : list) {
                headers.add(field[0], field[1]);
            }
            nettyHeaders.add(headers);
        }
        // The first round warms every table; the second round's blocks are the ones measured.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < lists.size(); i++) {
                ByteBuf block = Buffers.allocator().directBuffer(1024);
                encode(lists.get(i), block);
                nettyEncoder.encodeHeaders(STREAM_ID, nettyHeaders.get(i), out.clear());
                nettyDecoder.decodeHeaders(STREAM_ID, block.duplicate());
                zyphosDecoder.decode(block.duplicate(), (name, value, neverIndexed) -> { });
                if (round == 0) {
                    block.release();
                } else {
                    blocks.add(block);
                }
            }
        }
        long tableSize = zyphosDecoder.table().size();
        zyphosDecode(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        if (zyphosDecoder.table().size() != tableSize) {
            throw new IllegalStateException("the measured blocks change the dynamic table");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blocks.forEach(ByteBuf::release);
        out.release();
    }

    @Benchmark
    public int zyphosDecode(Blackhole bh) {
        sinkBlackhole[0] = bh;
        fieldCount[0] = 0;
        for (ByteBuf block : blocks) {
            zyphosDecoder.decode(block.readerIndex(0), validator.reset(section));
            validator.finish();
            bh.consume(section == HeaderFieldValidator.Section.RESPONSE ? validator.status() : validator.path());
            bh.consume(validator.method());
            bh.consume(validator.authority());
            bh.consume(validator.scheme());
        }
        // The validator keeps the pseudo-header fields rather than passing them on.
        return check(fieldCount[0] + pseudoHeaderFields);
    }

    /** The decoder alone: every name and value handed to the application, no field rule checked. */
    @Benchmark
    public int zyphosDecodeUnchecked(Blackhole bh) {
        sinkBlackhole[0] = bh;
        fieldCount[0] = 0;
        for (ByteBuf block : blocks) {
            zyphosDecoder.decode(block.readerIndex(0), counting);
        }
        return check(fieldCount[0]);
    }

    @Benchmark
    public int nettyDecode(Blackhole bh) throws Http2Exception {
        int fields = 0;
        for (ByteBuf block : blocks) {
            Http2Headers headers = nettyDecoder.decodeHeaders(STREAM_ID, block.readerIndex(0));
            for (Map.Entry<CharSequence, CharSequence> field : headers) {
                bh.consume(field.getKey());
                bh.consume(field.getValue());
                fields++;
            }
        }
        return check(fields);
    }

    @Benchmark
    public int zyphosEncode() {
        int octets = 0;
        for (List<String[]> list : lists) {
            encode(list, out.clear());
            octets += out.readableBytes();
        }
        return octets;
    }

    @Benchmark
    public int nettyEncode() throws Http2Exception {
        int octets = 0;
        for (Http2Headers headers : nettyHeaders) {
            nettyEncoder.encodeHeaders(STREAM_ID, headers, out.clear());
            octets += out.readableBytes();
        }
        return octets;
    }

    private void encode(List<String[]> list, ByteBuf block) {
        zyphosEncoder.beginBlock(block);
        for (String[] field : list) {
            zyphosEncoder.encodeField(block, field[0], field[1]);
        }
    }

    private int check(int fields) {
        if (fields != expectedFields) {
            throw new IllegalStateException(fields + " fields decoded, expected " + expectedFields);
        }
        return fields;
    }
}
