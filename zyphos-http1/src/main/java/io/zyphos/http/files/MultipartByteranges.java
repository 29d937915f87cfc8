package io.zyphos.http.files;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.BodySink;
import io.zyphos.http.BodyWriter;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6): one part per range, each with its own
 * Content-Type and Content-Range, between boundary delimiters (RFC 2046 §5.1.1):
 *
 * <pre>
 *   --BOUNDARY CRLF
 *   Content-Type: text/plain; charset=utf-8 CRLF
 *   Content-Range: bytes 0-4/26 CRLF
 *   CRLF
 *   ...5 bytes... CRLF
 *   --BOUNDARY CRLF
 *   ...
 *   ...last part's bytes... CRLF
 *   --BOUNDARY-- CRLF
 * </pre>
 *
 * The CRLF before each delimiter belongs to the delimiter, not to the part's bytes. The length is
 * known before the first byte is read, so the response carries a Content-Length.
 *
 * <p>The file's bytes are read through pooled buffers of at most {@value #CHUNK} bytes, one part
 * after another, and handed to the sink, which releases them. It runs on the virtual thread of the
 * blocking file handler, where a write waits when the client reads slowly.
 */
final class MultipartByteranges implements BodyWriter {

    /** Bytes read from the file per buffer handed to the sink. */
    static final int CHUNK = 64 * 1024;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Path file;
    private final ByteRanges ranges;
    private final byte[][] heads;
    private final byte[] close;
    private final long contentLength;

    MultipartByteranges(Path file, ByteRanges ranges, String contentType, long completeLength, String boundary) {
        this.file = file;
        this.ranges = ranges;
        this.heads = new byte[ranges.count()][];
        long total = 0;
        StringBuilder sb = new StringBuilder(96);
        for (int i = 0; i < heads.length; i++) {
            sb.setLength(0);
            if (i > 0) {
                sb.append("\r\n");
            }
            sb.append("--").append(boundary).append("\r\nContent-Type: ").append(contentType)
                    .append("\r\nContent-Range: bytes ").append(ranges.first(i)).append('-').append(ranges.last(i))
                    .append('/').append(completeLength).append("\r\n\r\n");
            heads[i] = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            total += heads[i].length + ranges.length(i);
        }
        this.close = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        this.contentLength = total + close.length;
    }

    /** A boundary of 24 random hex digits: RFC 2046 §5.1.1 allows up to 70 characters. */
    static String newBoundary() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] b = new char[24];
        long bits = random.nextLong();
        for (int i = 0; i < 16; i++, bits >>>= 4) {
            b[i] = HEX[(int) (bits & 0xF)];
        }
        bits = random.nextLong();
        for (int i = 16; i < 24; i++, bits >>>= 4) {
            b[i] = HEX[(int) (bits & 0xF)];
        }
        return new String(b);
    }

    /** The exact number of bytes {@link #writeTo} writes. */
    long contentLength() {
        return contentLength;
    }

    @Override
    public void writeTo(BodySink sink) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            for (int i = 0; i < heads.length; i++) {
                if (sink.isClosed()) {
                    sink.fail(new CancellationException("the client is gone"));
                    return;
                }
                sink.write(Buffers.allocator().directBuffer(heads[i].length).writeBytes(heads[i]));
                long position = ranges.first(i);
                long remaining = ranges.length(i);
                while (remaining > 0) {
                    int size = (int) Math.min(CHUNK, remaining);
                    ByteBuf chunk = Buffers.allocator().directBuffer(size);
                    try {
                        while (chunk.isWritable()) {
                            int read = chunk.writeBytes(channel, position + chunk.writerIndex(), chunk.writableBytes());
                            if (read < 0) {
                                throw new EOFException(file + " shrank while it was sent");
                            }
                        }
                    } catch (Exception e) {
                        chunk.release();
                        throw e;
                    }
                    sink.write(chunk);
                    position += size;
                    remaining -= size;
                }
            }
            sink.write(Buffers.allocator().directBuffer(close.length).writeBytes(close));
            sink.end();
        }
    }
}
