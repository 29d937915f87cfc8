package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.testing.ExternalProgram;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python-hyper's h2 (Debian's python3-h2), a client nobody here wrote, against the engine, with no
 * socket: its bytes go through the process's stdin and stdout into the engine and back, in chunks
 * (h2_client.py). Six streams at once: a small GET, a 100 KB upload through the flow-control
 * windows, a 200 KB download acknowledged as h2 reads it, a request and a response with trailers, a
 * stream the client resets, and priorities: u=0 (11) before the default u=3 (1, 7) before u=5 (5),
 * the upload's answer (3) last since it waits for the whole upload.
 */
class PythonH2InteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int BIG = 200_000;

    @TempDir
    Path dir;

    /** The server side: answers by path, counts uploads, sends trailers back for trailers. */
    private static final class App implements Http2ServerListener {
        Http2ServerEngine engine;
        final Map<Integer, String> paths = new HashMap<>();
        final Map<Integer, Integer> uploaded = new HashMap<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onRequest(RequestHead head) {
            int id = head.streamId();
            paths.put(id, head.path());
            switch (head.path()) {
                case "/small" -> respond(id, "hello", null);
                case "/big" -> respond(id, "b".repeat(BIG), null);
                case "/slow" -> engine.sendHeaders(id, Status.OK, new Headers(), false);
                default -> { }
            }
        }

        private void respond(int id, String body, Headers trailers) {
            engine.sendHeaders(id, Status.OK, new Headers(), false);
            engine.sendData(id, Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII), trailers == null);
            if (trailers != null) {
                engine.sendTrailers(id, trailers);
            }
        }

        @Override
        public void onData(int streamId, ByteBuf data, boolean endStream) {
            uploaded.merge(streamId, data.readableBytes(), Integer::sum);
            engine.consumed(streamId, data.readableBytes());
            if (endStream && paths.get(streamId).equals("/upload")) {
                respond(streamId, Integer.toString(uploaded.get(streamId)), null);
            }
        }

        @Override
        public void onTrailers(int streamId, Headers trailers) {
            events.add("trailers " + RecordingListener.fields(trailers));
            respond(streamId, "with trailers", new Headers().add("grpc-status", "0"));
        }

        @Override
        public void onStreamReset(int streamId, Http2ErrorCode code) {
            events.add("reset " + streamId + " " + code);
        }

        @Override
        public void onStreamWritable(int streamId) {}

        @Override
        public void onGoAway(int lastStreamId, Http2ErrorCode code, ByteBuf debugData) {}

        @Override
        public void onConnectionEnded(Http2Exception error) {
            events.add("ended " + error);
        }
    }

    @Test
    void sixStreamsWithAnUploadADownloadTrailersAResetAndPriorities() throws Exception {
        ExternalProgram.requirePython("h2", "python3-h2");
        Path script = dir.resolve("h2_client.py");
        try (InputStream in = getClass().getResourceAsStream("h2_client.py")) {
            Files.copy(in, script);
        }
        App app = new App();
        Process process = new ProcessBuilder(PYTHON, script.toString()).redirectError(dir.resolve("stderr").toFile()).start();
        try (Http2ServerEngine engine = new Http2ServerEngine(Http2ServerConfig.defaults(), app)) {
            app.engine = engine;
            List<String> summary = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> converse(process, engine),
                    () -> "stderr: " + readQuietly(dir.resolve("stderr")));
            assertEquals(List.of(
                    "stream 1 status=200 body=5",
                    "stream 3 status=200 body=6",
                    "stream 5 status=200 body=" + BIG,
                    "stream 7 status=200 body=13 trailers=grpc-status:0",
                    "stream 9 status=200 body=0 reset=client CANCEL",
                    "stream 11 status=200 body=5",
                    "first data order 11 1 7 5 3"), summary, "stderr: " + readQuietly(dir.resolve("stderr")));
            assertEquals(100_000, app.uploaded.get(3));
            assertEquals(List.of("trailers {x-checksum=abc}", "reset 9 CANCEL"), app.events);
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Chunks from the client into the engine, the engine's output back, until the client writes its summary. */
    private static List<String> converse(Process process, Http2ServerEngine engine) throws IOException {
        DataInputStream fromClient = new DataInputStream(process.getInputStream());
        DataOutputStream toClient = new DataOutputStream(process.getOutputStream());
        engine.start(0);
        long now = 0;
        while (true) {
            int length = fromClient.readInt();
            if (length == -1) {
                return new String(fromClient.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            ByteBuf bytes = Buffers.allocator().heapBuffer(length);
            try {
                bytes.writeBytes(fromClient, length);
                engine.receive(bytes, now += 1_000_000);
            } finally {
                bytes.release();
            }
            ByteBuf out = Buffers.allocator().heapBuffer();
            try {
                while (engine.pollOutbound(out, 1 << 20) > 0) {
                    // all of it, in one chunk
                }
                toClient.writeInt(out.readableBytes());
                out.readBytes(toClient, out.readableBytes());
                toClient.flush();
            } finally {
                out.release();
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
