package io.zyphos.http.files;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.BodySink;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/** Files with fixed contents and times in a test's directory, requests to them, and a sink that keeps a streamed body. */
final class FileFixture {

    /** Every file's modification time: RFC 9110 §5.6.7's example, {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    static final long MTIME_SECONDS = 784_111_777L;
    static final String LAST_MODIFIED = "Sun, 06 Nov 1994 08:49:37 GMT";
    /** The wall clock of the handler: a day later. */
    static final long NOW_MILLIS = (MTIME_SECONDS + 86_400) * 1000;

    private FileFixture() {}

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(MTIME_SECONDS, TimeUnit.SECONDS));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ETag {@link StaticFiles} gives a file of {@code size} bytes written by {@link #write}. */
    static String etag(long size) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(MTIME_SECONDS * 1_000_000_000L) + "\"";
    }

    static String etag(long size, String encoding) {
        String plain = etag(size);
        return plain.substring(0, plain.length() - 1) + "-" + encoding + "\"";
    }

    static StaticFiles handler(Path root) {
        return sendfileOnly(root).clock(() -> NOW_MILLIS).build();
    }

    /**
     * A builder that never holds a file's bytes, so every 200 and 206 is a file region naming the
     * file sent: these lessons are about which file and which bytes. FileCacheTest covers the
     * bytes sent from memory.
     */
    static StaticFiles.Builder sendfileOnly(Path root) {
        return StaticFiles.builder(root).maxCachedFileBytes(0).mapLargeFiles(false);
    }

    /** A request for {@code target} with header name/value pairs. */
    static HttpRequest request(Method method, String target, String... fields) {
        HttpRequest.Builder b = HttpRequest.builder(method, target);
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    static HttpRequest get(String target, String... fields) {
        return request(Method.GET, target, fields);
    }

    /**
     * What {@code handler} refuses {@code request} with: the HttpException it throws, which the
     * engine answers through its ErrorHandler. Fails if it answers instead.
     */
    static HttpException refusal(HttpHandler handler, HttpRequest request) {
        try {
            HttpResponse answered = handler.handle(request);
            answered.release();
            throw new AssertionError("expected a refusal, got " + answered);
        } catch (HttpException refused) {
            return refused;
        } catch (Exception other) {
            throw new AssertionError("expected an HttpException", other);
        }
    }

    /** The file region a response sends; fails if the body is anything else. */
    static ResponseBody.FileRegion region(HttpResponse response) {
        if (response.body() instanceof ResponseBody.FileRegion r) {
            return r;
        }
        throw new AssertionError("expected a file region, got " + response.body());
    }

    /** Runs a streamed body's writer into memory and returns the bytes, as ISO-8859-1 text. */
    static String streamed(HttpResponse response) throws Exception {
        if (!(response.body() instanceof ResponseBody.Streamed(var writer))) {
            throw new AssertionError("expected a streamed body, got " + response.body());
        }
        CollectingSink sink = new CollectingSink();
        writer.writeTo(sink);
        if (!sink.ended) {
            throw new AssertionError("the writer did not end the body");
        }
        return sink.bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A sink that copies and releases every chunk, as an engine would once it sent it. */
    static final class CollectingSink implements BodySink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ended;

        @Override
        public void write(ByteBuf chunk) {
            try {
                byte[] b = new byte[chunk.readableBytes()];
                chunk.readBytes(b);
                bytes.writeBytes(b);
            } finally {
                chunk.release();
            }
        }

        @Override
        public void flush() {}

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void onWritable(Runnable task) {
            task.run();
        }

        @Override
        public void end(Headers trailers) {
            ended = true;
        }

        @Override
        public void fail(Throwable cause) {
            throw new AssertionError("body failed", cause);
        }

        @Override
        public boolean isClosed() {
            return ended;
        }
    }
}
