package io.zyphos.http;

/**
 * The result of one {@link Router#find} lookup, written into an object the caller owns and reuses,
 * so that a lookup allocates nothing: parameters are kept as offsets into the looked-up path and
 * become strings only when asked for.
 *
 * <p>After a lookup:
 * <ul>
 *   <li>{@link Outcome#MATCH}: {@link #handler()} answers the request, {@link #pattern()} is the
 *       route's pattern and {@link #param} its parameters. {@link #isHeadFromGet()} says a HEAD
 *       request goes to the GET handler (the engine sends the head only, RFC 9110 §9.3.2);
 *       {@link #isAutomaticOptions()} says the router answers OPTIONS itself with 204 and
 *       {@code Allow} (RFC 9110 §9.3.7).</li>
 *   <li>{@link Outcome#METHOD_NOT_ALLOWED}: the path names a resource that does not support the
 *       method. {@link #allow()} is the {@code Allow} value the 405 must carry (RFC 9110
 *       §15.5.6); {@link #handler()} throws the 405 {@link HttpException} that carries it.</li>
 *   <li>{@link Outcome#NOT_FOUND}: no route matches the path; {@link #handler()} throws a 404
 *       {@link HttpException} (unless the router was given a handler of its own for that).</li>
 * </ul>
 * {@link #handler()} is never {@code null} after a lookup, so an engine always has something to
 * run, and runs it where its {@link HttpHandler#invocationType()} says.
 *
 * <p>Not thread-safe. Keep one per connection (or per event loop), and give a {@link #copy()} to a
 * handler that runs on another thread: the next lookup overwrites this one.
 */
public final class RouteMatch {

    /** What a lookup found. */
    public enum Outcome { MATCH, METHOD_NOT_ALLOWED, NOT_FOUND }

    Outcome outcome = Outcome.NOT_FOUND;
    HttpHandler handler;
    String pattern;
    String allow;
    CharSequence path;
    boolean headFromGet;
    boolean automaticOptions;
    int paramCount;
    String[] paramNames;
    int[] paramStarts;
    int[] paramEnds;
    int wildcardStart = -1;

    public RouteMatch() {
        this(4);
    }

    private RouteMatch(int capacity) {
        paramNames = new String[capacity];
        paramStarts = new int[capacity];
        paramEnds = new int[capacity];
    }

    void reset(CharSequence lookedUp, int capacity) {
        if (paramNames.length < capacity) {
            paramNames = new String[capacity];
            paramStarts = new int[capacity];
            paramEnds = new int[capacity];
        }
        outcome = Outcome.NOT_FOUND;
        handler = null;
        pattern = null;
        allow = null;
        path = lookedUp;
        headFromGet = false;
        automaticOptions = false;
        paramCount = 0;
        wildcardStart = -1;
    }

    /** An independent copy, safe to hand to another thread (the path is copied to a String). */
    public RouteMatch copy() {
        RouteMatch c = new RouteMatch(Math.max(paramCount, 1));
        c.outcome = outcome;
        c.handler = handler;
        c.pattern = pattern;
        c.allow = allow;
        c.path = path == null ? null : path.toString();
        c.headFromGet = headFromGet;
        c.automaticOptions = automaticOptions;
        c.paramCount = paramCount;
        System.arraycopy(paramNames, 0, c.paramNames, 0, paramCount);
        System.arraycopy(paramStarts, 0, c.paramStarts, 0, paramCount);
        System.arraycopy(paramEnds, 0, c.paramEnds, 0, paramCount);
        c.wildcardStart = wildcardStart;
        return c;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The handler to run: the route's, or the router's answer for 404, 405 and OPTIONS. */
    public HttpHandler handler() {
        return handler;
    }

    /** The matched route's pattern, such as {@code /users/{id}}; {@code null} unless {@link Outcome#MATCH}. */
    public String pattern() {
        return pattern;
    }

    /**
     * The methods the matched resource allows, as an {@code Allow} field value
     * ({@code GET, HEAD, OPTIONS}); {@code null} if the path matched no resource.
     */
    public String allow() {
        return allow;
    }

    /** Whether a HEAD request is answered by the GET route (RFC 9110 §9.3.2): send no content. */
    public boolean isHeadFromGet() {
        return headFromGet;
    }

    /** Whether an OPTIONS request is answered by the router (RFC 9110 §9.3.7). */
    public boolean isAutomaticOptions() {
        return automaticOptions;
    }

    /** The number of {@code {name}} parameters captured. */
    public int paramCount() {
        return paramCount;
    }

    /** The name of the {@code index}-th parameter, left to right. */
    public String paramName(int index) {
        checkParam(index);
        return paramNames[index];
    }

    /** Where the {@code index}-th parameter starts in the looked-up path. */
    public int paramStart(int index) {
        checkParam(index);
        return paramStarts[index];
    }

    /** Where the {@code index}-th parameter ends (exclusive) in the looked-up path. */
    public int paramEnd(int index) {
        checkParam(index);
        return paramEnds[index];
    }

    /**
     * The value of parameter {@code name}, or {@code null}. The segment is fully decoded: the
     * {@code %2F} and {@code %25} that {@link RequestTarget#path()} keeps become {@code /} and
     * {@code %} here, since a parameter is one segment and cannot be read as two.
     */
    public String param(String name) {
        for (int i = 0; i < paramCount; i++) {
            if (paramNames[i].equals(name)) {
                return param(i);
            }
        }
        return null;
    }

    /** The value of the {@code index}-th parameter; see {@link #param(String)}. */
    public String param(int index) {
        checkParam(index);
        int start = paramStarts[index];
        int end = paramEnds[index];
        for (int i = start; i < end; i++) {
            if (path.charAt(i) == '%') {
                return PercentEncoding.decode(path, start, end, false);
            }
        }
        return path.subSequence(start, end).toString();
    }

    /**
     * What a trailing {@code *} captured: the rest of the path after the route's last {@code /},
     * possibly empty, or {@code null} if the route has no wildcard. It is several segments, so it
     * stays in the form of {@link RequestTarget#path()}: a {@code %2F} in it is not a separator. A
     * file handler that maps it to a file refuses a {@code %2F} rather than decoding it.
     */
    public String wildcard() {
        return wildcardStart < 0 ? null : path.subSequence(wildcardStart, path.length()).toString();
    }

    /** Where the wildcard capture starts in the looked-up path, or -1 if there is none. */
    public int wildcardStart() {
        return wildcardStart;
    }

    private void checkParam(int index) {
        if (index < 0 || index >= paramCount) {
            throw new IndexOutOfBoundsException("parameter " + index + " of " + paramCount);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RouteMatch[").append(outcome);
        if (pattern != null) {
            sb.append(' ').append(pattern);
        }
        for (int i = 0; i < paramCount; i++) {
            sb.append(i == 0 ? " {" : ", ").append(paramNames[i]).append('=').append(param(i));
            if (i == paramCount - 1) {
                sb.append('}');
            }
        }
        if (wildcardStart >= 0) {
            sb.append(" *=").append(wildcard());
        }
        if (allow != null && outcome != Outcome.MATCH) {
            sb.append(" Allow: ").append(allow);
        }
        return sb.append(']').toString();
    }
}
