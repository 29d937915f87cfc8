package io.zyphos.http2.server;

import io.zyphos.http.Headers;
import io.zyphos.http.Method;

/**
 * A request's header section as HTTP/2 carries it (RFC 9113 §8.3.1): the pseudo-header fields
 * apart, the regular fields in {@link #headers()}, and its priority (RFC 9218 §4).
 *
 * <p>Borrowed: the engine fills one instance per connection and lends it to
 * {@link Http2ServerListener#onRequest} for the call only. Copy what outlives the call.
 */
public final class RequestHead {

    private int streamId;
    private Method method;
    private String scheme;
    private String authority;
    private String path;
    private String protocol;
    private final Headers headers = new Headers();
    private boolean endStream;
    private int urgency;
    private boolean incremental;

    RequestHead() {}

    void set(int streamId, Method method, String scheme, String authority, String path, String protocol,
            boolean endStream, int urgency, boolean incremental) {
        this.streamId = streamId;
        this.method = method;
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.protocol = protocol;
        this.endStream = endStream;
        this.urgency = urgency;
        this.incremental = incremental;
    }

    /** The stream the request came on, and the response goes on. */
    public int streamId() {
        return streamId;
    }

    /** {@code :method}. */
    public Method method() {
        return method;
    }

    /** {@code :scheme}; null for CONNECT (RFC 9113 §8.5). */
    public String scheme() {
        return scheme;
    }

    /** {@code :authority}, or null when the request has none. */
    public String authority() {
        return authority;
    }

    /** {@code :path}; null for CONNECT. */
    public String path() {
        return path;
    }

    /** {@code :protocol} of an extended CONNECT (RFC 8441 §4), or null. */
    public String protocol() {
        return protocol;
    }

    /** The regular fields, pseudo-headers left out. */
    public Headers headers() {
        return headers;
    }

    /** Whether the request ends with its header section: no content, no trailers. */
    public boolean endStream() {
        return endStream;
    }

    /** The urgency its {@code priority} field (or an earlier PRIORITY_UPDATE) gave, 0 to 7; 3 by default. */
    public int urgency() {
        return urgency;
    }

    /** Whether the response may be sent interleaved with others of its urgency (RFC 9218 §4.2). */
    public boolean incremental() {
        return incremental;
    }

    @Override
    public String toString() {
        return "stream " + streamId + " " + method + " " + (path != null ? path : authority);
    }
}
