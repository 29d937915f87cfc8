package io.zyphos.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The body helpers of {@link HttpRequest}: a whole body, whatever shape it arrived in (none, all at
 * once, or streamed by demand), as bytes now or later, or as an {@link InputStream}.
 */
final class BodyReader {

    private static final byte[] NO_BYTES = new byte[0];
    /** The longest array a JVM reliably makes: a body longer than this cannot be one byte[]. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BodyReader() {}

    /**
     * The whole body, at most {@code max} bytes, as a copy; completes exceptionally with a 413
     * {@link HttpException} past {@code max} (after discarding the rest), or with what ended a
     * streamed body early.
     *
     * @param declaredLength the request's Content-Length, or -1: a longer one is refused before
     *     a byte is read
     */
    static CompletableFuture<byte[]> aggregate(RequestBody body, long declaredLength, long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return switch (body) {
            case RequestBody.Empty empty -> CompletableFuture.completedFuture(NO_BYTES);
            case RequestBody.Full(ByteBuf content) -> content.readableBytes() > Math.min(max, MAX_ARRAY)
                    ? CompletableFuture.failedFuture(tooLarge(max))
                    : CompletableFuture.completedFuture(copy(content));
            case RequestBody.Streamed(ContentSource source) -> {
                if (declaredLength > max) {
                    source.discard();
                    yield CompletableFuture.failedFuture(tooLarge(max));
                }
                Collector collector = new Collector(source, Math.min(max, MAX_ARRAY), declaredLength);
                source.demand(collector);
                yield collector.result;
            }
        };
    }

    /** {@link #aggregate}, waited for. */
    static byte[] bytes(RequestBody body, long declaredLength, long max) {
        CompletableFuture<byte[]> result = aggregate(body, declaredLength, max);
        return await(body instanceof RequestBody.Streamed(ContentSource source) ? source : null, result);
    }

    /**
     * The charset a Content-Type names in its {@code charset} parameter (RFC 9110 §8.3.1, §8.3.2),
     * UTF-8 if it names none or there is no Content-Type.
     *
     * @throws HttpException 415 Unsupported Media Type for a charset this JVM does not have
     */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        // media-type = type "/" subtype parameters; parameters = *( OWS ";" OWS [ parameter ] )
        for (String parameter : contentType.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                continue;
            }
            String name = parameter.substring(eq + 1).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            try {
                return Charset.forName(name.toLowerCase(Locale.ROOT));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new HttpException(Status.UNSUPPORTED_MEDIA_TYPE,
                        "the body's charset " + name + " is not one this server reads (RFC 9110 §15.5.16)");
            }
        }
        return StandardCharsets.UTF_8;
    }

    static InputStream inputStream(RequestBody body) {
        return switch (body) {
            case RequestBody.Empty empty -> InputStream.nullInputStream();
            case RequestBody.Full(ByteBuf content) -> new ByteBufInputStream(content.duplicate(), false);
            case RequestBody.Streamed(ContentSource source) -> new ContentInputStream(source);
        };
    }

    /** 413 Content Too Large, RFC 9110 §15.5.14. */
    static HttpException tooLarge(long max) {
        return new HttpException(Status.CONTENT_TOO_LARGE,
                "the body is larger than the " + max + " bytes this resource accepts (RFC 9110 §15.5.14)");
    }

    private static byte[] copy(ByteBuf content) {
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    /**
     * Waits for {@code result}, refusing to where the wait could never end: on the thread that
     * answers {@code source}'s demands ({@code source} is null for a body that is not streamed). Rethrows what failed it: an {@link HttpException} as it is, an
     * {@link IOException} as an {@link UncheckedIOException}.
     */
    static <T> T await(ContentSource source, Future<T> result) {
        if (!result.isDone() && source != null && source.answersOnThisThread()) {
            throw new IllegalStateException("a NON_BLOCKING handler cannot wait for a body that is still arriving:"
                    + " use HttpRequest.aggregateBody(max), or leave the handler BLOCKING (the default)");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case RuntimeException r -> r;
            case IOException io -> new UncheckedIOException(io);
            default -> new UncheckedIOException(new IOException("the request body failed", cause));
        };
    }

    /** Collects a streamed body, one demand after another. Runs where the source answers. */
    private static final class Collector implements ContentSource.Listener {

        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ContentSource source;
        private final long max;
        private byte[] bytes;
        private int length;

        Collector(ContentSource source, long max, long declaredLength) {
            this.source = source;
            this.max = max;
            this.bytes = new byte[(int) Math.min(max, declaredLength >= 0 ? declaredLength : 8192)];
        }

        @Override
        public void onContent(ByteBuf chunk, boolean last, Headers trailers) {
            int n = chunk.readableBytes();
            if (length + (long) n > max) {
                source.discard();
                result.completeExceptionally(tooLarge(max));
                return;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(length + (long) n, 2L * bytes.length)));
            }
            chunk.getBytes(chunk.readerIndex(), bytes, length, n);
            length += n;
            if (last) {
                result.complete(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
            } else {
                source.demand(this);
            }
        }

        @Override
        public void onError(Throwable cause) {
            result.completeExceptionally(cause);
        }
    }

    /** A streamed body read by a blocking reader, one demanded chunk at a time. */
    private static final class ContentInputStream extends InputStream {

        private final ContentSource source;
        private byte[] chunk = NO_BYTES;
        private int position;
        private boolean ended;
        private boolean closed;

        ContentInputStream(ContentSource source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (closed) {
                throw new IOException("the stream is closed");
            }
            if (length == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return chunk.length - position;
        }

        /** Waits for the next chunk; it is lent, so it is copied. */
        private void next() throws IOException {
            CompletableFuture<byte[]> next = new CompletableFuture<>();
            source.demand(new ContentSource.Listener() {
                @Override
                public void onContent(ByteBuf content, boolean last, Headers trailers) {
                    ended = last;
                    next.complete(copy(content));
                }

                @Override
                public void onError(Throwable cause) {
                    next.completeExceptionally(cause);
                }
            });
            try {
                chunk = await(source, next);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            position = 0;
        }

        /** Gives up on what was not read: the engine drains and drops it. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    source.discard();
                }
            }
        }
    }
}
