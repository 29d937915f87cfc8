package io.zyphos.tls;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A region of a file to send over TLS. sendfile(2) cannot encrypt, so the bytes come up through
 * pooled buffers: read a few records' worth, encrypt them record by record, queue the ciphertext.
 * {@link #encrypt} does a bounded amount each call, so a transport can send a large file under its
 * write watermarks, one call per drain, instead of encrypting all of it into memory at once.
 *
 * <p>Owns its file from construction: {@link #close()} closes it, and so does the call that
 * encrypts the region's last byte. Not thread-safe.
 */
public final class TlsFileRegion implements AutoCloseable {

    /** The most read from the file at once: four full records. */
    public static final int READ_CHUNK = 4 * TlsEngine.MAX_RECORD_PLAINTEXT;

    private final FileChannel file;
    private long position;
    private final long end;
    private boolean closed;

    /**
     * @param file ownership passes to the region
     * @param position where the region starts in the file
     * @param count how many bytes it has
     */
    public TlsFileRegion(FileChannel file, long position, long count) {
        if (position < 0 || count < 0) {
            closeQuietly(file);
            throw new IllegalArgumentException("bad file region: position " + position + ", count " + count);
        }
        this.file = file;
        this.position = position;
        this.end = position + count;
        if (count == 0) {
            close();
        }
    }

    /** Bytes of the region not yet encrypted. */
    public long remaining() {
        return end - position;
    }

    public boolean isDone() {
        return position == end;
    }

    /**
     * Encrypts the next bytes of the region, at least one record's worth unless fewer remain and
     * at most about {@code maxBytes}, into {@code engine}'s outbound queue.
     *
     * @return the plaintext bytes encrypted
     * @throws EOFException when the file ends before the region does: the peer was promised bytes
     *     that do not exist
     * @throws TlsException when the engine fails
     * @throws IOException when the file cannot be read
     */
    public long encrypt(TlsEngine engine, long maxBytes) throws IOException {
        long done = 0;
        long budget = Math.max(maxBytes, TlsEngine.MAX_RECORD_PLAINTEXT);
        while (position < end && done < budget) {
            int want = (int) Math.min(READ_CHUNK, Math.min(end - position, budget - done));
            ByteBuf chunk = Buffers.allocator().directBuffer(want);
            int read;
            try {
                read = chunk.writeBytes(file, position, want);
            } catch (IOException | RuntimeException e) {
                chunk.release();
                throw e;
            }
            if (read <= 0) {
                chunk.release();
                throw new EOFException("the file ended " + (end - position) + " bytes before its region did");
            }
            position += read;
            done += read;
            engine.wrap(chunk);
        }
        if (position == end) {
            close();
        }
        return done;
    }

    /** Closes the file. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(file);
        }
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // A file opened for reading loses nothing when its close fails.
        }
    }
}
