package io.zyphos.http.files;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.EntityTags;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpDate;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Serves the files under a directory: GET and HEAD, with validators, conditional requests, byte
 * ranges and pre-compressed siblings (RFC 9110 §8.8, §13, §14). Mount it on a wildcard route:
 *
 * <pre>{@code
 * HttpHandler files = StaticFiles.builder(Path.of("site")).cacheControl("public, max-age=60").build();
 * Router router = Router.builder().get("/files/*", files).build();
 * }</pre>
 *
 * A request routed with a wildcard is served the file its {@link RouteMatch#wildcard()} names;
 * otherwise the file its whole path names. {@link FileResolver} keeps every request inside the
 * root (no {@code ..}, no encoded dots, no symbolic links, no hidden files by default).
 *
 * <h2>Answers</h2>
 * <table>
 *   <caption>What a request gets</caption>
 *   <tr><th>case</th><th>answer</th><th>RFC 9110</th></tr>
 *   <tr><td>a file</td><td>200, the file sent with sendfile ({@code ResponseBody.FileRegion})</td><td>§15.3.1</td></tr>
 *   <tr><td>{@code dir/} with {@code dir/index.html}</td><td>that file</td><td></td></tr>
 *   <tr><td>{@code dir} with {@code dir/index.html}</td><td>301 to {@code dir/}, so relative links in the page resolve</td><td>§15.4.2</td></tr>
 *   <tr><td>nothing there, or refused</td><td>404</td><td>§15.5.5</td></tr>
 *   <tr><td>a method other than GET and HEAD</td><td>405 with {@code Allow: GET, HEAD}</td><td>§15.5.6</td></tr>
 *   <tr><td>If-Match fails (strong), or else If-Unmodified-Since fails</td><td>412</td><td>§13.1.1, §13.1.4</td></tr>
 *   <tr><td>If-None-Match matches (weak), or else If-Modified-Since holds</td><td>304</td><td>§13.1.2, §13.1.3</td></tr>
 *   <tr><td>one satisfiable range (GET, If-Range holding)</td><td>206 with Content-Range, still sendfile</td><td>§14.4, §15.3.7</td></tr>
 *   <tr><td>several ranges</td><td>206 {@code multipart/byteranges}, streamed with a Content-Length</td><td>§14.6</td></tr>
 *   <tr><td>no satisfiable range</td><td>416 with {@code Content-Range: bytes *&#47;length}</td><td>§15.5.17</td></tr>
 * </table>
 * The 404 and 405 are {@link HttpException}s thrown, which the engine answers through its
 * {@link io.zyphos.http.ErrorHandler}, so they look like every other error the service sends.
 * Preconditions are evaluated in the order of §13.2.2, and only for a file that exists (§13.2.1).
 * Range is read only for GET (§14.2): HEAD gets the 200 head. See {@link ByteRanges} for which
 * Range fields are ignored and how overlapping ranges are coalesced.
 *
 * <h2>Validators</h2>
 * The ETag is strong (§8.8.3): {@code "<size in hex>-<modification time in nanoseconds, hex>"},
 * with {@code -br} or {@code -gzip} appended for a pre-compressed representation, since each
 * encoding is a different representation with its own bytes. Last-Modified is the file's
 * modification time (§8.8.2); If-Range accepts a date only if it equals Last-Modified exactly and
 * Last-Modified is at least a second old, which §8.8.2.2 requires of a strong date validator.
 *
 * <h2>Pre-compressed files</h2>
 * For {@code app.css}, a regular file {@code app.css.br} or {@code app.css.gz} beside it is sent
 * instead when {@link AcceptEncoding} says the client takes that coding, with
 * {@code Content-Encoding} (§8.4) and the Content-Type of {@code app.css}. Whenever such a sibling
 * exists the response says {@code Vary: Accept-Encoding} (§12.5.5), whichever file was sent, so a
 * cache keeps the variants apart. Ranges apply to the file sent (§14.1.2); several ranges over an
 * encoded file are answered with the whole file, since a {@code multipart/byteranges} part has no
 * place for a Content-Encoding.
 *
 * <h2>Cache</h2>
 * What a request taught (where its path led, the file's validators and, for a file up to
 * {@link Builder#maxCachedFileBytes}, its bytes) is kept for {@link Builder#revalidateAfter} and
 * bounded in entries and bytes (see {@code FileCache}). A request for a file so remembered is
 * answered on the event loop from memory ({@link InvocationType#NON_BLOCKING} for that request),
 * or with sendfile for a longer file; anything else (a first request, a stale entry, a missing
 * file, a Range) runs on a virtual thread, since it asks the file system.
 *
 * <p>Thread-safe: one instance serves every connection.
 */
public final class StaticFiles implements HttpHandler {

    /** The default for {@link Builder#maxRanges}. */
    public static final int DEFAULT_MAX_RANGES = 16;
    /** The default for {@link Builder#revalidateAfter}, in milliseconds. */
    public static final long DEFAULT_REVALIDATE_MILLIS = 1000;
    /** The default for {@link Builder#maxCachedFiles}. */
    public static final int DEFAULT_MAX_CACHED_FILES = 4096;
    /** The default for {@link Builder#maxCachedFileBytes}: files up to this length are sent from memory. */
    public static final long DEFAULT_MAX_CACHED_FILE_BYTES = 64 * 1024;
    /** The default for {@link Builder#maxCachedBytes}. */
    public static final long DEFAULT_MAX_CACHED_BYTES = 32L * 1024 * 1024;

    private static final String ALLOWED = "GET, HEAD";
    /*
     * Refusals are HttpExceptions, answered by the engine's ErrorHandler like every other error.
     * One of each is enough: they have no stack trace and never change.
     */
    private static final HttpException NO_SUCH_FILE = HttpException.notFound("no file at this path (RFC 9110 §15.5.5)");
    private static final HttpException NOT_READ_BY_THAT_METHOD = HttpException.methodNotAllowed(
            "files are read with GET or HEAD (RFC 9110 §15.5.6)", ALLOWED);
    private static final String BYTES = "bytes";

    private final FileResolver resolver;
    private final MediaTypes mediaTypes;
    private final String cacheControl;
    private final boolean precompressed;
    private final int maxRanges;
    private final LongSupplier epochMillis;
    private final FileCache cache;

    private StaticFiles(Builder b, FileResolver resolver) {
        this.resolver = resolver;
        this.mediaTypes = b.mediaTypes;
        this.cacheControl = b.cacheControl;
        this.precompressed = b.precompressed;
        this.maxRanges = b.maxRanges;
        this.epochMillis = b.epochMillis;
        this.cache = new FileCache(b.revalidateMillis, b.maxCachedFiles, b.maxCachedFileBytes, b.maxCachedBytes, b.mapLargeFiles);
    }

    /** A builder serving the directory {@code root}. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** What this handler remembers of its files: for tests. */
    FileCache cache() {
        return cache;
    }

    /** The real path of the directory served. */
    public Path root() {
        return resolver.root();
    }

    @Override
    public InvocationType invocationType() {
        return InvocationType.BLOCKING;
    }

    /**
     * Non-blocking when the file is in the cache and fresh, so the request is answered on the event
     * loop; blocking when the file system must be asked, and for ranges (several ranges are read
     * from the file as the body is written).
     */
    @Override
    public InvocationType invocationType(HttpRequest request) {
        if (request.headers().contains(HeaderName.RANGE)) {
            return InvocationType.BLOCKING;
        }
        String relative = relativePath(request);
        return relative != null && cache.lookup(relative, epochMillis.getAsLong()) != null
                ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING;
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws IOException {
        Method method = request.method();
        if (method != Method.GET && method != Method.HEAD) {
            throw NOT_READ_BY_THAT_METHOD;
        }
        String relative = relativePath(request);
        if (relative == null) {
            throw NO_SUCH_FILE;
        }
        long nowMillis = epochMillis.getAsLong();
        FileCache.Entry entry = cache.lookup(relative, nowMillis);
        if (entry == null) {
            switch (resolver.resolve(relative)) {
                case FileResolver.NotFound ignored -> throw NO_SUCH_FILE;
                case FileResolver.DirectoryWithoutSlash ignored -> {
                    return redirectToDirectory(request);
                }
                case FileResolver.Found(Path file, BasicFileAttributes attributes) ->
                        entry = remember(relative, file, attributes, nowMillis);
            }
        }
        return serve(request, method, entry, nowMillis);
    }

    /** Looks for the file's pre-compressed siblings and puts what was found in the cache. */
    private FileCache.Entry remember(String relative, Path file, BasicFileAttributes attributes, long nowMillis)
            throws IOException {
        String name = file.getFileName().toString();
        Path br = null;
        Path gz = null;
        BasicFileAttributes brAttributes = null;
        BasicFileAttributes gzAttributes = null;
        if (precompressed) {
            br = file.resolveSibling(name + ".br");
            gz = file.resolveSibling(name + ".gz");
            brAttributes = resolver.regularFileNoFollow(br);
            gzAttributes = resolver.regularFileNoFollow(gz);
        }
        return cache.remember(relative, mediaTypes.forFileName(name), file, attributes,
                br, brAttributes, gz, gzAttributes, nowMillis);
    }

    private static String relativePath(HttpRequest request) {
        RouteMatch route = request.route();
        if (route != null && route.wildcardStart() >= 0) {
            return route.wildcard();
        }
        String path = request.path();
        return path.isEmpty() || path.charAt(0) != '/' ? null : path.substring(1);
    }

    private static HttpResponse redirectToDirectory(HttpRequest request) {
        String query = request.target().rawQuery();
        String location = request.target().rawPath() + (query == null ? "/" : "/?" + query);
        return HttpResponse.builder(Status.MOVED_PERMANENTLY).header(HeaderName.LOCATION, location).build();
    }

    private HttpResponse serve(HttpRequest request, Method method, FileCache.Entry entry, long nowMillis) {
        Headers headers = request.headers();
        String contentType = entry.contentType;
        FileCache.Representation sent = entry.identity;
        String encoding = null;
        boolean varies = entry.varies();
        if (varies) {
            encoding = AcceptEncoding.choose(headers, entry.brotli != null, entry.gzip != null);
            if (AcceptEncoding.BR.equals(encoding)) {
                sent = entry.brotli;
            } else if (AcceptEncoding.GZIP.equals(encoding)) {
                sent = entry.gzip;
            }
        }
        long length = sent.size();
        long modifiedSeconds = sent.modifiedSeconds();
        String etag = sent.etag();
        long nowSeconds = Math.floorDiv(nowMillis, 1000);

        // RFC 9110 §13.2.2: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since.
        if (headers.contains(HeaderName.IF_MATCH)) {
            if (!EntityTags.listMatches(headers, HeaderName.IF_MATCH, etag, true)) {
                return HttpResponse.of(Status.PRECONDITION_FAILED);
            }
        } else {
            long since = date(headers, HeaderName.IF_UNMODIFIED_SINCE, nowSeconds);
            if (since != HttpDate.INVALID && modifiedSeconds > since) {
                return HttpResponse.of(Status.PRECONDITION_FAILED);
            }
        }
        if (headers.contains(HeaderName.IF_NONE_MATCH)) {
            if (EntityTags.listMatches(headers, HeaderName.IF_NONE_MATCH, etag, false)) {
                return notModified(etag, varies);
            }
        } else {
            long since = date(headers, HeaderName.IF_MODIFIED_SINCE, nowSeconds);
            if (since != HttpDate.INVALID && modifiedSeconds <= since) {
                return notModified(etag, varies);
            }
        }

        String lastModified = sent.lastModified();
        String range = method == Method.GET ? single(headers, HeaderName.RANGE) : null;
        if (range != null && ifRangeHolds(headers, etag, modifiedSeconds, nowSeconds)) {
            ByteRanges ranges = ByteRanges.parse(range, length, maxRanges);
            switch (ranges.outcome()) {
                case UNSATISFIABLE -> {
                    return HttpResponse.builder(Status.RANGE_NOT_SATISFIABLE)
                            .header(HeaderName.CONTENT_RANGE, "bytes */" + length)
                            .header(HeaderName.ACCEPT_RANGES, BYTES)
                            .build();
                }
                case RANGES -> {
                    if (ranges.count() == 1) {
                        HttpResponse.Builder partial = HttpResponse.builder(Status.PARTIAL_CONTENT);
                        partial.header(HeaderName.CONTENT_TYPE, contentType);
                        if (encoding != null) {
                            partial.header(HeaderName.CONTENT_ENCODING, encoding);
                        }
                        partial.header(HeaderName.CONTENT_RANGE, "bytes " + ranges.first(0) + "-" + ranges.last(0) + "/" + length);
                        validators(partial, etag, lastModified, varies);
                        return body(partial, sent, ranges.first(0), ranges.length(0)).build();
                    }
                    if (encoding == null) {
                        String boundary = MultipartByteranges.newBoundary();
                        MultipartByteranges body = new MultipartByteranges(sent.file(), ranges, contentType, length, boundary);
                        HttpResponse.Builder multipart = HttpResponse.builder(Status.PARTIAL_CONTENT)
                                .header(HeaderName.CONTENT_TYPE, "multipart/byteranges; boundary=" + boundary)
                                .header(HeaderName.CONTENT_LENGTH, Long.toString(body.contentLength()));
                        validators(multipart, etag, lastModified, varies);
                        return multipart.stream(body).build();
                    }
                    // Several ranges of an encoded file: the whole file, below.
                }
                case IGNORE -> { }
            }
        }
        HttpResponse.Builder ok = HttpResponse.builder(Status.OK);
        ok.header(HeaderName.CONTENT_TYPE, contentType);
        if (encoding != null) {
            ok.header(HeaderName.CONTENT_ENCODING, encoding);
        }
        validators(ok, etag, lastModified, varies);
        return body(ok, sent, 0, length).build();
    }

    /**
     * {@code length} bytes of {@code sent} from {@code offset}: from memory when the cache holds
     * them, else a file region the engine sends with sendfile.
     */
    private static HttpResponse.Builder body(HttpResponse.Builder b, FileCache.Representation sent, long offset, long length) {
        ByteBuf bytes = sent.body();
        if (bytes == null) {
            return b.file(sent.file(), offset, length);
        }
        return b.body(bytes.setIndex((int) offset, (int) (offset + length)));
    }

    /** Accept-Ranges, ETag, Last-Modified, Cache-Control and Vary: what 200 and 206 share. */
    private void validators(HttpResponse.Builder b, String etag, String lastModified, boolean varies) {
        b.header(HeaderName.ACCEPT_RANGES, BYTES);
        b.header(HeaderName.ETAG, etag);
        b.header(HeaderName.LAST_MODIFIED, lastModified);
        if (cacheControl != null) {
            b.header(HeaderName.CACHE_CONTROL, cacheControl);
        }
        if (varies) {
            b.header(HeaderName.VARY, "Accept-Encoding");
        }
    }

    /**
     * 304 carries what a cache needs to refresh its stored response: ETag, Cache-Control and Vary
     * (§15.4.5). Last-Modified is left out, as the section advises when an ETag is sent.
     */
    private HttpResponse notModified(String etag, boolean varies) {
        HttpResponse.Builder b = HttpResponse.builder(Status.NOT_MODIFIED).header(HeaderName.ETAG, etag);
        if (cacheControl != null) {
            b.header(HeaderName.CACHE_CONTROL, cacheControl);
        }
        if (varies) {
            b.header(HeaderName.VARY, "Accept-Encoding");
        }
        return b.build();
    }

    /**
     * If-Range (§13.1.5): absent, or a strong ETag match, or a date equal to Last-Modified when
     * that date is strong (at least a second old, §8.8.2.2). Otherwise the Range is ignored.
     */
    private static boolean ifRangeHolds(Headers headers, String etag, long modifiedSeconds, long nowSeconds) {
        if (!headers.contains(HeaderName.IF_RANGE)) {
            return true;
        }
        String value = single(headers, HeaderName.IF_RANGE);
        if (value == null) {
            return false;
        }
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return EntityTags.strongMatch(value, etag);
        }
        long date = HttpDate.parse(value, nowSeconds);
        return date != HttpDate.INVALID && date == modifiedSeconds && modifiedSeconds < nowSeconds;
    }

    /**
     * The date in {@code name}, or {@link HttpDate#INVALID} if the field is absent, not a date, or
     * given more than once (§13.1.3, §13.1.4: such a field is ignored).
     */
    private static long date(Headers headers, HeaderName name, long nowSeconds) {
        String value = single(headers, name);
        return value == null ? HttpDate.INVALID : HttpDate.parse(value, nowSeconds);
    }

    /** The value of {@code name} if it has exactly one field line, else {@code null}. */
    private static String single(Headers headers, HeaderName name) {
        String found = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equals(name)) {
                if (found != null) {
                    return null;
                }
                found = headers.value(i);
            }
        }
        return found;
    }

    static String etag(long size, long modifiedNanos, String encoding) {
        StringBuilder sb = new StringBuilder(40).append('"').append(Long.toHexString(size)).append('-')
                .append(Long.toHexString(modifiedNanos));
        if (encoding != null) {
            sb.append('-').append(encoding);
        }
        return sb.append('"').toString();
    }

    /** Configures a {@link StaticFiles}. Not thread-safe; build once. */
    public static final class Builder {

        private final Path root;
        private MediaTypes mediaTypes = MediaTypes.defaults();
        private String cacheControl;
        private String indexFile = "index.html";
        private boolean hiddenFiles;
        private boolean precompressed = true;
        private int maxRanges = DEFAULT_MAX_RANGES;
        private LongSupplier epochMillis = System::currentTimeMillis;
        private long revalidateMillis = DEFAULT_REVALIDATE_MILLIS;
        private int maxCachedFiles = DEFAULT_MAX_CACHED_FILES;
        private long maxCachedFileBytes = DEFAULT_MAX_CACHED_FILE_BYTES;
        private long maxCachedBytes = DEFAULT_MAX_CACHED_BYTES;
        private boolean mapLargeFiles = true;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** The Cache-Control value (RFC 9111 §5.2) of every 200, 206 and 304; none by default. */
        public Builder cacheControl(String value) {
            this.cacheControl = value;
            return this;
        }

        /** The file served for a path ending in {@code /}; {@code index.html} by default, {@code null} for none. */
        public Builder indexFile(String name) {
            if (name != null && (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0)) {
                throw new IllegalArgumentException("index file must be a plain file name: " + name);
            }
            this.indexFile = name;
            return this;
        }

        /** Whether names starting with a dot ({@code .env}, {@code .git/}) may be served; {@code false} by default. */
        public Builder hiddenFiles(boolean allowed) {
            this.hiddenFiles = allowed;
            return this;
        }

        /** Whether {@code .br} and {@code .gz} siblings are looked for; {@code true} by default. */
        public Builder precompressed(boolean enabled) {
            this.precompressed = enabled;
            return this;
        }

        /** The Content-Type table; {@link MediaTypes#defaults()} by default. */
        public Builder mediaTypes(MediaTypes types) {
            this.mediaTypes = Objects.requireNonNull(types, "types");
            return this;
        }

        /** Adds or replaces one extension's Content-Type. */
        public Builder mediaType(String extension, String mediaType) {
            this.mediaTypes = mediaTypes.with(extension, mediaType);
            return this;
        }

        /**
         * The most range-specs one Range field may hold before it is ignored and the whole file
         * sent (RFC 9110 §14.2); {@value #DEFAULT_MAX_RANGES} by default.
         */
        public Builder maxRanges(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRanges must be at least 1: " + max);
            }
            this.maxRanges = max;
            return this;
        }

        /**
         * How long what was learnt of a file (where a path leads, its validators, its bytes) is
         * trusted before the file system is asked again; {@value #DEFAULT_REVALIDATE_MILLIS} ms by
         * default. A file changed on disk is served as changed at most this long after. Zero
         * checks on every request, which also sends every request to a virtual thread.
         */
        public Builder revalidateAfter(Duration period) {
            if (period.isNegative()) {
                throw new IllegalArgumentException("revalidateAfter must not be negative: " + period);
            }
            this.revalidateMillis = period.toMillis();
            return this;
        }

        /** The most paths remembered at once; {@value #DEFAULT_MAX_CACHED_FILES} by default, 0 for no cache. */
        public Builder maxCachedFiles(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCachedFiles must not be negative: " + max);
            }
            this.maxCachedFiles = max;
            return this;
        }

        /**
         * The longest file whose bytes are held in memory and sent from there;
         * {@value #DEFAULT_MAX_CACHED_FILE_BYTES} by default. Longer files are mapped into memory
         * ({@link #mapLargeFiles}) or go out with sendfile.
         */
        public Builder maxCachedFileBytes(long max) {
            if (max < 0 || max > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxCachedFileBytes must be in [0, 2^31): " + max);
            }
            this.maxCachedFileBytes = max;
            return this;
        }

        /**
         * Whether a file longer than {@link #maxCachedFileBytes} is mapped into memory and written
         * from the mapping (as Jetty's file-mapping content factory does), {@code true} by default,
         * or sent with sendfile. On loopback and on this project's machines a write from the
         * mapping moved a 1 MiB file faster than sendfile did (zyphos-http1's README has the
         * figures); a mapping costs address space, not heap or direct memory.
         *
         * <p>Files are to be replaced, not rewritten in place, while they are served (write the new
         * file beside the old and rename it over, as deployments do): the kernel reads a mapping
         * at the moment it sends, so a file truncated under it cuts the response short. With
         * mapping off, sendfile reads the file at the moment it sends just the same.
         */
        public Builder mapLargeFiles(boolean map) {
            this.mapLargeFiles = map;
            return this;
        }

        /** The most file bytes held in memory in all; {@value #DEFAULT_MAX_CACHED_BYTES} by default. */
        public Builder maxCachedBytes(long max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCachedBytes must not be negative: " + max);
            }
            this.maxCachedBytes = max;
            return this;
        }

        /** The wall clock, in milliseconds since the epoch, for the age of a date validator and of the cache's entries. */
        public Builder clock(LongSupplier epochMillis) {
            this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
            return this;
        }

        /**
         * The handler.
         *
         * @throws UncheckedIOException if the root is not a readable directory
         */
        public StaticFiles build() {
            try {
                return new StaticFiles(this, new FileResolver(root, indexFile, hiddenFiles));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve " + root, e);
            }
        }
    }
}
