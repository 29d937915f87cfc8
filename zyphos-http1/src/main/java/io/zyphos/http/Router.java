package io.zyphos.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Maps a method and a decoded path to a handler: a radix tree over path segments, built once and
 * then only read, so any number of threads may look up at once.
 *
 * <h2>Patterns</h2>
 * A pattern is a path whose segments are each one of:
 * <ul>
 *   <li>text, matched exactly: {@code /users/new};</li>
 *   <li>{@code {name}}, which captures one non-empty segment: {@code /users/{id}};</li>
 *   <li>{@code *}, last only, which captures the rest of the path, possibly empty:
 *       {@code /files/*} matches {@code /files/}, {@code /files/a} and {@code /files/a/b}, not
 *       {@code /files}.</li>
 * </ul>
 * Patterns are matched against {@link RequestTarget#path()}: decoded, without dot segments. So a
 * pattern is written decoded ({@code /caf\u00e9}, not {@code /caf%C3%A9}), and a pattern holding
 * {@code .} or {@code ..} segments, which could never match, is refused.
 *
 * <h2>Precedence</h2>
 * At each segment, text beats {@code {name}}, which beats {@code *}. If the more specific branch
 * fails further down the path, the next one is tried: with {@code /users/new} and
 * {@code /users/{id}/edit}, the path {@code /users/new/edit} reaches the second. The path picks the
 * resource first and the method second (as JAX-RS does): when the most specific resource matching
 * the path lacks the method, the answer is 405 with that resource's {@code Allow}, even if a less
 * specific pattern has the method. Resources are what a client sees; one path names one.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>A method the resource lacks: 405 Method Not Allowed with {@code Allow} listing what it has
 *       (RFC 9110 §15.5.6). Like a path no route matches (404), it is an {@link HttpException}
 *       thrown by the match's handler, so the engine's {@link ErrorHandler} shapes the answer.</li>
 *   <li>HEAD without a HEAD route runs the GET route, and the engine sends the head only (RFC 9110
 *       §9.3.2 requires HEAD wherever GET is; an explicit HEAD route wins).</li>
 *   <li>OPTIONS without an OPTIONS route is answered by the router: 204 with {@code Allow}
 *       (RFC 9110 §9.3.7). {@code OPTIONS *} (the asterisk-form) gets every method any route has.</li>
 * </ul>
 * {@code Allow} lists the standard methods in the order of {@link Method#standard()}, then
 * extension methods in the order registered; HEAD is listed wherever GET is, OPTIONS everywhere.
 *
 * <h2>Conflicts</h2>
 * Registration refuses, naming both routes: the same method on the same pattern twice, and two
 * parameter names for one segment ({@code /users/{id}} and {@code /users/{name}/posts}: which name
 * would the segment have?). Overlaps that precedence settles are allowed: {@code /files/*} beside
 * {@code /files/index.html} or {@code /files/{name}} is not a conflict. Malformed patterns are
 * refused too. All of these throw {@link IllegalArgumentException}.
 *
 * <h2>Lookup cost</h2>
 * {@link #find} walks one node per segment (a chain of text segments without routes is one node),
 * finds a text child by a hash of the segment computed in place, and writes parameters as offsets
 * into a caller-owned {@link RouteMatch}: no allocation.
 */
public final class Router {

    private final Node root;
    private final int maxParams;
    private final HttpHandler notFound;
    private final String serverAllow;
    private final HttpHandler serverOptions;
    private final List<String> routes;

    private Router(Node root, int maxParams, HttpHandler notFound, String serverAllow, List<String> routes) {
        this.root = root;
        this.maxParams = maxParams;
        this.notFound = notFound;
        this.serverAllow = serverAllow;
        this.serverOptions = optionsHandler(serverAllow);
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder(new Tree(), "");
    }

    /** Every route, as {@code METHOD pattern}, in the order registered. */
    public List<String> routes() {
        return routes;
    }

    /**
     * Looks up {@code method} and {@code path} (a {@link RequestTarget#path()}), writing the result
     * into {@code match} and returning its outcome. Allocates nothing unless {@code match} has room
     * for fewer parameters than some route captures, the first time.
     */
    public RouteMatch.Outcome find(Method method, CharSequence path, RouteMatch match) {
        match.reset(path, maxParams);
        int length = path.length();
        if (length == 1 && path.charAt(0) == '*' && method == Method.OPTIONS) {
            match.outcome = RouteMatch.Outcome.MATCH;
            match.handler = serverOptions;
            match.allow = serverAllow;
            match.automaticOptions = true;
            return match.outcome;
        }
        Node found = length > 0 && path.charAt(0) == '/' ? find(root, path, 1, match) : null;
        if (found == null) {
            match.handler = notFound;
            return match.outcome;
        }
        match.allow = found.allow;
        int index = method.index();
        HttpHandler handler = null;
        String pattern = null;
        if (index >= 0) {
            handler = found.handlers[index];
            pattern = found.patterns[index];
        } else {
            for (int i = 0; i < found.extensionMethods.length; i++) {
                if (found.extensionMethods[i].equals(method)) {
                    handler = found.extensionHandlers[i];
                    pattern = found.extensionPatterns[i];
                    break;
                }
            }
        }
        if (handler == null && method == Method.HEAD && found.handlers[Method.GET.index()] != null) {
            handler = found.handlers[Method.GET.index()];
            pattern = found.patterns[Method.GET.index()];
            match.headFromGet = true;
        } else if (handler == null && method == Method.OPTIONS) {
            handler = found.options;
            pattern = found.anyPattern;
            match.automaticOptions = true;
        }
        if (handler == null) {
            match.outcome = RouteMatch.Outcome.METHOD_NOT_ALLOWED;
            match.handler = found.methodNotAllowed;
            return match.outcome;
        }
        match.outcome = RouteMatch.Outcome.MATCH;
        match.handler = handler;
        match.pattern = pattern;
        return match.outcome;
    }

    /**
     * The resource node matching the segments of {@code path} from {@code pos}, below {@code node};
     * {@code pos} is past the end when the whole path is consumed. Tries text, then parameter, then
     * wildcard, undoing the captures of a branch that fails.
     */
    private static Node find(Node node, CharSequence path, int pos, RouteMatch m) {
        int length = path.length();
        if (pos > length) {
            return node.isResource ? node : null;
        }
        int end = segmentEnd(path, pos, length);
        if (node.statics != null) {
            Node child = node.staticChild(path, pos, end);
            if (child != null) {
                int next = end + 1;
                boolean matched = true;
                for (int k = 1; k < child.label.length && matched; k++) {
                    if (next > length) {
                        matched = false;
                    } else {
                        int e = segmentEnd(path, next, length);
                        matched = regionEquals(child.label[k], path, next, e);
                        next = e + 1;
                    }
                }
                if (matched) {
                    Node found = find(child, path, next, m);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        if (node.param != null && end > pos) {
            int i = m.paramCount;
            m.paramNames[i] = node.paramName;
            m.paramStarts[i] = pos;
            m.paramEnds[i] = end;
            m.paramCount = i + 1;
            Node found = find(node.param, path, end + 1, m);
            if (found != null) {
                return found;
            }
            m.paramCount = i;
        }
        if (node.wildcard != null) {
            m.wildcardStart = pos;
            return node.wildcard;
        }
        return null;
    }

    private static int segmentEnd(CharSequence path, int from, int length) {
        for (int i = from; i < length; i++) {
            if (path.charAt(i) == '/') {
                return i;
            }
        }
        return length;
    }

    private static boolean regionEquals(String text, CharSequence path, int start, int end) {
        if (end - start != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != path.charAt(start + i)) {
                return false;
            }
        }
        return true;
    }

    /** The same function as {@link String#hashCode()}, over a region, so drafts hash with it. */
    private static int hash(CharSequence s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static HttpHandler optionsHandler(String allow) {
        return HttpHandler.nonBlocking(request -> HttpResponse.builder(Status.NO_CONTENT)
                .header(HeaderName.ALLOW, allow).build());
    }

    /**
     * Throws one prepared exception (it has no stack trace and is never changed, so it can be
     * thrown again), which the engine answers through its {@link ErrorHandler} with {@code Allow}.
     */
    private static HttpHandler methodNotAllowedHandler(String allow) {
        HttpException notAllowed = HttpException.methodNotAllowed(
                "this resource does not support the method; Allow lists those it does (RFC 9110 §15.5.6)", allow);
        return HttpHandler.nonBlocking(request -> {
            throw notAllowed;
        });
    }

    /** A node of the built tree. Immutable once built. */
    private static final class Node {
        /** The text segments consumed on entering this node: one or more for a text node, none for the others. */
        final String[] label;
        final int labelHash;
        /** Text children, open-addressed by the hash of their first label segment; null if none. */
        final Node[] statics;
        final Node param;
        final String paramName;
        final Node wildcard;
        final boolean isResource;
        /** Handlers and patterns by {@link Method#index()}. */
        final HttpHandler[] handlers = new HttpHandler[Method.STANDARD_COUNT];
        final String[] patterns = new String[Method.STANDARD_COUNT];
        final Method[] extensionMethods;
        final HttpHandler[] extensionHandlers;
        final String[] extensionPatterns;
        final String anyPattern;
        final String allow;
        final HttpHandler options;
        final HttpHandler methodNotAllowed;

        Node(String[] label, Draft draft) {
            this.label = label;
            this.labelHash = label.length == 0 ? 0 : label[0].hashCode();
            this.statics = compileStatics(draft.statics);
            this.param = draft.param == null ? null : new Node(new String[0], draft.param);
            this.paramName = draft.paramName;
            this.wildcard = draft.wildcard == null ? null : new Node(new String[0], draft.wildcard);
            this.isResource = !draft.routes.isEmpty();
            List<Method> extensions = new ArrayList<>();
            for (Registered r : draft.routes.values()) {
                if (r.method.isStandard()) {
                    handlers[r.method.index()] = r.handler;
                    patterns[r.method.index()] = r.pattern;
                } else {
                    extensions.add(r.method);
                }
            }
            extensionMethods = extensions.toArray(new Method[0]);
            extensionHandlers = new HttpHandler[extensionMethods.length];
            extensionPatterns = new String[extensionMethods.length];
            for (int i = 0; i < extensionMethods.length; i++) {
                Registered r = draft.routes.get(extensionMethods[i]);
                extensionHandlers[i] = r.handler;
                extensionPatterns[i] = r.pattern;
            }
            anyPattern = isResource ? draft.routes.values().iterator().next().pattern : null;
            allow = isResource ? allowValue(draft.routes.keySet()) : null;
            options = isResource ? optionsHandler(allow) : null;
            methodNotAllowed = isResource ? methodNotAllowedHandler(allow) : null;
        }

        private static Node[] compileStatics(Map<String, Draft> drafts) {
            if (drafts.isEmpty()) {
                return null;
            }
            Node[] table = new Node[Integer.highestOneBit(drafts.size() * 2 - 1) << 1];
            int mask = table.length - 1;
            for (Map.Entry<String, Draft> e : drafts.entrySet()) {
                // Path compression: a chain of text segments that holds no route and branches
                // nowhere becomes one node with a longer label.
                List<String> label = new ArrayList<>();
                label.add(e.getKey());
                Draft d = e.getValue();
                while (d.routes.isEmpty() && d.param == null && d.wildcard == null && d.statics.size() == 1) {
                    Map.Entry<String, Draft> only = d.statics.entrySet().iterator().next();
                    label.add(only.getKey());
                    d = only.getValue();
                }
                Node child = new Node(label.toArray(new String[0]), d);
                int slot = spread(child.labelHash) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = child;
            }
            return table;
        }

        Node staticChild(CharSequence path, int start, int end) {
            int h = hash(path, start, end);
            int mask = statics.length - 1;
            for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
                Node candidate = statics[slot];
                if (candidate == null) {
                    return null;
                }
                if (candidate.labelHash == h && regionEquals(candidate.label[0], path, start, end)) {
                    return candidate;
                }
            }
        }
    }

    private static String allowValue(Set<Method> registered) {
        Set<Method> allowed = new LinkedHashSet<>();
        for (Method m : Method.standard()) {
            boolean implied = (m == Method.HEAD && registered.contains(Method.GET)) || m == Method.OPTIONS;
            if (registered.contains(m) || implied) {
                allowed.add(m);
            }
        }
        for (Method m : registered) {
            if (!m.isStandard()) {
                allowed.add(m);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Method m : allowed) {
            sb.append(sb.isEmpty() ? "" : ", ").append(m.name());
        }
        return sb.toString();
    }

    private record Registered(Method method, String pattern, HttpHandler handler) {}

    /** A node while routes are being registered. */
    private static final class Draft {
        final Map<String, Draft> statics = new LinkedHashMap<>();
        final Map<Method, Registered> routes = new LinkedHashMap<>();
        Draft param;
        String paramName;
        String paramOwner;
        Draft wildcard;
    }

    /** Thrown by the default 404 handler; see {@link #methodNotAllowedHandler} for why one is enough. */
    private static final HttpException NO_ROUTE = HttpException.notFound("no route matches this path (RFC 9110 §15.5.5)");

    /** What every builder of one router shares: groups write into the same tree. */
    private static final class Tree {
        final Draft root = new Draft();
        final List<String> routes = new ArrayList<>();
        final Set<Method> methods = new LinkedHashSet<>();
        HttpHandler notFound = HttpHandler.nonBlocking(request -> {
            throw NO_ROUTE;
        });
        int maxParams;
    }

    /**
     * Registers routes, then {@link #build()}s the router. A {@linkplain #group group} is a builder
     * that prefixes its patterns and writes into the same router. Not thread-safe.
     */
    public static final class Builder {

        private final Tree tree;
        private final String prefix;

        private Builder(Tree tree, String prefix) {
            this.tree = tree;
            this.prefix = prefix;
        }

        /**
         * Routes {@code method} on {@code pattern} to {@code handler}. In a group, the pattern is
         * appended to the group's prefix and may be empty, meaning the prefix itself.
         *
         * @throws IllegalArgumentException if the pattern is malformed or conflicts with a route
         *     registered before; the message names both
         */
        public Builder route(Method method, String pattern, HttpHandler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(handler, "handler");
            if (!pattern.isEmpty() && pattern.charAt(0) != '/' || pattern.isEmpty() && prefix.isEmpty()) {
                throw new IllegalArgumentException("route " + method + " \"" + pattern + "\": a pattern starts with '/'");
            }
            add(method, prefix + pattern, handler);
            return this;
        }

        public Builder get(String pattern, HttpHandler handler) {
            return route(Method.GET, pattern, handler);
        }

        public Builder head(String pattern, HttpHandler handler) {
            return route(Method.HEAD, pattern, handler);
        }

        public Builder post(String pattern, HttpHandler handler) {
            return route(Method.POST, pattern, handler);
        }

        public Builder put(String pattern, HttpHandler handler) {
            return route(Method.PUT, pattern, handler);
        }

        public Builder delete(String pattern, HttpHandler handler) {
            return route(Method.DELETE, pattern, handler);
        }

        public Builder patch(String pattern, HttpHandler handler) {
            return route(Method.PATCH, pattern, handler);
        }

        public Builder options(String pattern, HttpHandler handler) {
            return route(Method.OPTIONS, pattern, handler);
        }

        /**
         * Registers the routes {@code routes} adds to a builder whose patterns start with
         * {@code prefix}: {@code group("/api", g -> g.get("/users", h))} routes {@code /api/users}.
         * The prefix starts with {@code /}, does not end with one, and may hold parameters.
         */
        public Builder group(String prefix, Consumer<Builder> routes) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.length() < 2 || prefix.charAt(0) != '/' || prefix.endsWith("/")) {
                throw new IllegalArgumentException("group prefix \"" + prefix
                        + "\": it starts with '/', has at least one segment and does not end with '/'");
            }
            routes.accept(new Builder(tree, this.prefix + prefix));
            return this;
        }

        /**
         * The handler for paths no route matches. By default it throws a 404 {@link HttpException},
         * answered by the engine's {@link ErrorHandler} like every other error.
         */
        public Builder notFound(HttpHandler handler) {
            tree.notFound = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The router, as registered so far. Later registrations do not change it. */
        public Router build() {
            Node root = new Node(new String[0], tree.root);
            return new Router(root, tree.maxParams, tree.notFound, allowValue(tree.methods), List.copyOf(tree.routes));
        }

        private void add(Method method, String pattern, HttpHandler handler) {
            String route = method + " " + pattern;
            String[] segments = pattern.substring(1).split("/", -1);
            Set<String> names = new HashSet<>();
            Draft node = tree.root;
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                refuseForeignSyntax(route, prefixOf(segments, i), segments, i);
                if (s.equals("*")) {
                    if (i != segments.length - 1) {
                        throw new IllegalArgumentException(route + ": '*' captures the rest of the path and must be the last segment");
                    }
                    if (node.wildcard == null) {
                        node.wildcard = new Draft();
                    }
                    node = node.wildcard;
                } else if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
                    String name = s.substring(1, s.length() - 1);
                    checkParamName(route, name);
                    if (!names.add(name)) {
                        throw new IllegalArgumentException(route + ": parameter {" + name + "} appears twice");
                    }
                    if (node.param == null) {
                        node.param = new Draft();
                        node.paramName = name;
                        node.paramOwner = route;
                    } else if (!node.paramName.equals(name)) {
                        throw new IllegalArgumentException(route + " conflicts with " + node.paramOwner
                                + ": one segment cannot be captured as both {" + node.paramName + "} and {"
                                + name + "}; use one name");
                    }
                    node = node.param;
                } else {
                    checkText(route, s);
                    node = node.statics.computeIfAbsent(s, k -> new Draft());
                }
            }
            Registered existing = node.routes.get(method);
            if (existing != null) {
                throw new IllegalArgumentException(route + " conflicts with " + existing.method + " "
                        + existing.pattern + ": the same method on the same path is registered twice");
            }
            node.routes.put(method, new Registered(method, pattern, handler));
            tree.routes.add(route);
            tree.methods.add(method);
            tree.maxParams = Math.max(tree.maxParams, names.size());
        }

        /**
         * Refuses a segment written in another router's syntax, naming the pattern to write
         * instead: {@code :id} (Express, Javalin 4), {@code <id>} (Flask), {@code *path} and
         * {@code **} (Express, Spring), {@code {*path}} (Spring, ASP.NET), {@code {id:\\d+}}
         * (JAX-RS, Spring). Without the hint such a pattern would register as text, and no request
         * would ever match it.
         */
        private static void refuseForeignSyntax(String route, String before, String[] segments, int i) {
            String s = segments[i];
            if (s.isEmpty()) {
                return;
            }
            boolean last = i == segments.length - 1;
            String instead = null;
            String why = null;
            if (s.length() > 1 && s.charAt(0) == ':' && isName(s.substring(1))) {
                instead = "{" + s.substring(1) + "}";
                why = "a parameter is written {name}";
            } else if (s.length() > 2 && s.charAt(0) == '<' && s.endsWith(">")) {
                String name = s.substring(s.indexOf(':') + 1, s.length() - 1);
                instead = "{" + (isName(name) ? name : "name") + "}";
                why = "a parameter is written {name}";
            } else if (s.equals("**") || (s.charAt(0) == '*' && isName(s.substring(1)))
                    || (s.startsWith("{*") && s.endsWith("}")) || (s.startsWith("{...") && s.endsWith("}"))) {
                instead = "*";
                why = last ? "the rest of the path is captured by a last segment '*', read with RouteMatch.wildcard()"
                        : "'*' captures the rest of the path and must be the last segment";
            } else if (s.length() > 2 && s.charAt(0) == '{' && s.endsWith("}") && s.indexOf(':') > 1) {
                String name = s.substring(1, s.indexOf(':'));
                instead = "{" + name + "}";
                why = "patterns have no regular expressions; check the value in the handler";
            }
            if (instead != null) {
                StringBuilder suggestion = new StringBuilder(before).append('/').append(instead);
                for (int k = i + 1; k < segments.length && !instead.equals("*"); k++) {
                    suggestion.append('/').append(segments[k]);
                }
                throw new IllegalArgumentException(route + ": \"" + s + "\" is another router's syntax; " + why
                        + ": use " + suggestion);
            }
        }

        /** The pattern's first {@code i} segments, with their leading slashes. */
        private static String prefixOf(String[] segments, int i) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < i; k++) {
                sb.append('/').append(segments[k]);
            }
            return sb.toString();
        }

        private static boolean isName(String name) {
            boolean ok = !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_');
            for (int i = 1; ok && i < name.length(); i++) {
                char c = name.charAt(i);
                ok = Character.isLetterOrDigit(c) || c == '_';
            }
            return ok;
        }

        private static void checkParamName(String route, String name) {
            if (!isName(name)) {
                throw new IllegalArgumentException(route + ": parameter name \"" + name
                        + "\" must be a letter or '_' followed by letters, digits or '_'");
            }
        }

        private static void checkText(String route, String segment) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(route + ": a '" + segment + "' segment can never match,"
                        + " because request paths have their dot segments removed (RFC 3986 §5.2.4)");
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '{' || c == '}' || c == '*') {
                    throw new IllegalArgumentException(route + ": segment \"" + segment
                            + "\": a {parameter} or '*' must be a whole segment");
                }
                if (c == '%' && !(segment.startsWith("%2F", i) || segment.startsWith("%25", i))) {
                    throw new IllegalArgumentException(route + ": segment \"" + segment
                            + "\": patterns match decoded paths, so write the character, not its escape"
                            + " (only %2F and %25 stay escaped in a decoded path)");
                }
                if (c < 0x20 || c == 0x7F || c == '\\') {
                    throw new IllegalArgumentException(route + ": segment \"" + segment
                            + "\" holds a character a decoded path cannot contain");
                }
            }
        }
    }
}
