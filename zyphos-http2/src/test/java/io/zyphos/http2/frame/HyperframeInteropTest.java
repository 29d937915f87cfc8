package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.ByteBufs.ascii;
import static io.zyphos.http2.frame.ByteBufs.wrap;
import static io.zyphos.http2.frame.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hyperframe, the frame layer under python3-h2, written by people who never saw this code, as the
 * other end: every frame type it serialises, the decoder reads as hyperframe meant it (including
 * an ALTSVC frame, an extension the decoder discards); every frame type the writer writes,
 * hyperframe parses without complaint, field by field as written (PRIORITY_UPDATE, which
 * hyperframe does not know, as an extension frame of type 0x10).
 */
class HyperframeInteropTest {

    private static final String SCRIPT = "hyperframe_peer.py";

    @TempDir
    Path dir;

    @Test
    void theDecoderReadsWhatHyperframeWrites() {
        PythonPeer.require("hyperframe", "python3-hyperframe, which python3-h2 brings");
        byte[] wire = HexFormat.of().parseHex(PythonPeer.runScript(dir, SCRIPT, "write").getFirst());
        FrameHarness.assertFrames(FrameDecoderConfig.client(), wire,
                "SETTINGS {ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=1048576}",
                "SETTINGS ACK",
                "HEADERS stream=1 block=0x828684 dependency=0 weight=16 padding=3 END_STREAM",
                "HEADERS stream=3 block=0x828684",
                "DATA stream=1 data=\"hello\" padding=5 END_STREAM",
                "PRIORITY stream=5 dependency=3 weight=256 exclusive",
                "RST_STREAM stream=3 error=CANCEL",
                "PUSH_PROMISE stream=1 promised=2 block=0x828784",
                "PING data=0x0102030405060708",
                "PING ACK data=0x0102030405060708",
                "GOAWAY last=7 error=NO_ERROR debug=\"bye\"",
                "WINDOW_UPDATE stream=0 increment=65535",
                "WINDOW_UPDATE stream=1 increment=1");
    }

    @Test
    void hyperframeReadsWhatTheWriterWrites() {
        PythonPeer.require("hyperframe", "python3-hyperframe, which python3-h2 brings");
        FrameWriter writer = new FrameWriter();
        ByteBuf out = Buffers.allocator().directBuffer();
        String hex;
        try {
            writer.writeSettings(out, Http2Settings.defaults().with(Http2Setting.MAX_CONCURRENT_STREAMS, 100)
                    .with(Http2Setting.ENABLE_PUSH, 0).with(Http2Setting.ENABLE_CONNECT_PROTOCOL, 1));
            writer.writeSettingsAck(out);
            writer.write(out, new HeadersFrame(1, new StreamPriority(true, 0, 256), wrap(bytes("8286")), 3, false, true));
            writer.write(out, new ContinuationFrame(1, wrap(bytes("84")), true));
            writer.writeHeaders(out, 3, wrap(bytes("828684")), false);
            writer.writeData(out, 3, ascii("hello"), 5, false);
            writer.writeDataHeader(out, 3, 5, true);
            out.writeBytes(ascii("world"));
            writer.writePriority(out, 5, new StreamPriority(false, 3, 1));
            writer.writeRstStream(out, 5, Http2ErrorCode.REFUSED_STREAM.code());
            writer.write(out, new PushPromiseFrame(3, 2, wrap(bytes("828784")), 2, true));
            writer.writePing(out, false, 0x0102030405060708L);
            writer.writePing(out, true, 42);
            writer.writeGoAway(out, 5, Http2ErrorCode.ENHANCE_YOUR_CALM.code(), ascii("calm"));
            writer.writeWindowUpdate(out, 0, 1 << 20);
            writer.writePriorityUpdate(out, 3, ascii("u=1, i"));
            hex = HexFormat.of().formatHex(ByteBufs.toArray(out));
        } finally {
            out.release();
        }
        assertEquals(List.of(
                "SettingsFrame stream=0 flags= settings=2:0,3:100,8:1",
                "SettingsFrame stream=0 flags=ACK settings=",
                "HeadersFrame stream=1 flags=END_STREAM,PADDED,PRIORITY pad_length=2 depends_on=0 weight=255"
                        + " exclusive=True data=8286",
                "ContinuationFrame stream=1 flags=END_HEADERS data=84",
                "HeadersFrame stream=3 flags=END_HEADERS data=828684",
                "DataFrame stream=3 flags=PADDED pad_length=4 data=68656c6c6f",
                "DataFrame stream=3 flags=END_STREAM data=776f726c64",
                "PriorityFrame stream=5 flags= depends_on=3 weight=0 exclusive=False",
                "RstStreamFrame stream=5 flags= error=7",
                "PushPromiseFrame stream=3 flags=END_HEADERS,PADDED pad_length=1 promised=2 data=828784",
                "PingFrame stream=0 flags= data=0102030405060708",
                "PingFrame stream=0 flags=ACK data=000000000000002a",
                "GoAwayFrame stream=0 flags= last=5 error=11 debug=63616c6d",
                "WindowUpdateFrame stream=0 flags= increment=1048576",
                "ExtensionFrame stream=0 flags= type=0x10 body=00000003753d312c2069"),
                PythonPeer.runScript(dir, SCRIPT, "read", hex));
    }
}
