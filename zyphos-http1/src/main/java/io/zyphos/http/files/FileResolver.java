package io.zyphos.http.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Maps a request path to a regular file under a root, and to nothing outside it.
 *
 * <p>The path was already decoded and stripped of dot segments by
 * {@link io.zyphos.http.RequestTarget}; every check is made again here, because a handler can be
 * called with any request, and because the file system has ways out that text does not show:
 * <ol>
 *   <li>Text: a NUL, a backslash, an empty segment, a {@code .} or {@code ..} segment, a hidden
 *       segment (leading dot, unless allowed), or an escaped {@code /} ({@code %2F}, which
 *       {@code RequestTarget} keeps escaped so it cannot become a separator) finds nothing. An
 *       escaped {@code %} ({@code %25}) is a {@code %} in the file name.</li>
 *   <li>Containment: the joined path, normalized, must start with the root's real path.</li>
 *   <li>Links: the file's real path must equal the joined path, so no component under the root is
 *       a symbolic link, whether it points outside the root or inside. The last component is
 *       also read with {@link LinkOption#NOFOLLOW_LINKS}.</li>
 * </ol>
 * Anything refused is simply not found: a 404 says nothing about what exists. So is a path the
 * file system will not resolve (missing, not a directory, no permission, a loop of links): each
 * is a {@link FileSystemException}.
 *
 * <p>What this cannot stop: someone who can write under the root swapping a component for a link
 * between this check and the engine opening the file. Serve only a tree that requests cannot write.
 *
 * <p>Immutable and thread-safe.
 */
final class FileResolver {

    /** What a path maps to. */
    sealed interface Resolution {}

    /** A regular file. */
    record Found(Path file, BasicFileAttributes attributes) implements Resolution {}

    /** A directory asked for without its trailing slash, whose index file exists: redirect to {@code path + "/"}. */
    record DirectoryWithoutSlash() implements Resolution {}

    /** Nothing to serve. */
    record NotFound() implements Resolution {}

    static final NotFound NOT_FOUND = new NotFound();
    static final DirectoryWithoutSlash DIRECTORY_WITHOUT_SLASH = new DirectoryWithoutSlash();

    private final Path root;
    private final String indexFile;
    private final boolean allowHidden;

    /**
     * @param root the directory to serve; its real path is taken now
     * @param indexFile the file served for a directory path ending in {@code /}, or {@code null} for none
     * @param allowHidden whether names starting with a dot may be served
     */
    FileResolver(Path root, String indexFile, boolean allowHidden) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(root.toString());
        }
        this.indexFile = indexFile;
        this.allowHidden = allowHidden;
    }

    Path root() {
        return root;
    }

    /** Resolves {@code relative}: a path under the root, segments separated by {@code /}, no leading {@code /}. */
    Resolution resolve(String relative) throws IOException {
        String name = checkedName(relative);
        if (name == null) {
            return NOT_FOUND;
        }
        boolean wantsDirectory = name.isEmpty() || name.charAt(name.length() - 1) == '/';
        Path path;
        try {
            path = name.isEmpty() ? root : root.resolve(wantsDirectory ? name.substring(0, name.length() - 1) : name);
        } catch (InvalidPathException e) {
            return NOT_FOUND;
        }
        if (!path.normalize().startsWith(root)) {
            return NOT_FOUND;
        }
        BasicFileAttributes attributes = linkFreeAttributes(path);
        if (attributes == null) {
            return NOT_FOUND;
        }
        if (attributes.isDirectory()) {
            if (indexFile == null) {
                return NOT_FOUND;
            }
            Path index = path.resolve(indexFile);
            BasicFileAttributes indexAttributes = attributesNoFollow(index);
            if (indexAttributes == null || !indexAttributes.isRegularFile()) {
                return NOT_FOUND;
            }
            return wantsDirectory ? new Found(index, indexAttributes) : DIRECTORY_WITHOUT_SLASH;
        }
        if (wantsDirectory || !attributes.isRegularFile()) {
            return NOT_FOUND;
        }
        return new Found(path, attributes);
    }

    /**
     * The attributes of {@code sibling}, a name beside a file already found, if it is a regular file
     * and not a link; otherwise {@code null}. Its directory was checked link-free with the file.
     */
    BasicFileAttributes regularFileNoFollow(Path sibling) throws IOException {
        BasicFileAttributes a = attributesNoFollow(sibling);
        return a != null && a.isRegularFile() ? a : null;
    }

    /** {@code relative} with {@code %25} decoded, or {@code null} if a textual check fails. */
    private String checkedName(String relative) {
        int n = relative.length();
        int segmentStart = 0;
        StringBuilder decoded = null;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? relative.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                // Only the last segment may be empty: "" is the root, "dir/" a directory.
                if (length == 0 && i < n) {
                    return null;
                }
                if (length > 0 && relative.charAt(segmentStart) == '.'
                        && (!allowHidden || length == 1 || (length == 2 && relative.charAt(segmentStart + 1) == '.'))) {
                    return null;
                }
                segmentStart = i + 1;
            } else if (c == 0 || c == '\\') {
                return null;
            } else if (c == '%') {
                if (!relative.startsWith("25", i + 1)) {
                    return null;
                }
                if (decoded == null) {
                    decoded = new StringBuilder(n).append(relative, 0, i);
                }
                decoded.append('%');
                i += 2;
                continue;
            }
            if (decoded != null && i < n) {
                decoded.append(c);
            }
        }
        return decoded == null ? relative : decoded.toString();
    }

    /**
     * The attributes of {@code path} if no component of it under the root is a link; else {@code null}.
     * The file's own attributes come first, so a missing file costs one stat and no exception.
     */
    private BasicFileAttributes linkFreeAttributes(Path path) throws IOException {
        BasicFileAttributes attributes = attributesNoFollow(path);
        if (attributes == null) {
            return null;
        }
        try {
            return path.toRealPath().equals(path) ? attributes : null;
        } catch (FileSystemException e) {
            return null;
        }
    }

    /**
     * The attributes of {@code path}, or {@code null} if it is missing, unreadable or a link. A
     * missing file is answered without an exception: the precompressed siblings looked for beside
     * every file are usually missing, and building an exception walks the thread's stack, which on
     * an event loop is deep (a virtual thread's ends at its continuation). With two
     * NoSuchFileExceptions a request, uncached 4 KiB files answered on the loop cost 1.6 times the
     * CPU per request of the same answered on a virtual thread; without them, 0.8 times
     * (zyphos-http1's README, "Why serving files on the loop was slower").
     */
    private static BasicFileAttributes attributesNoFollow(Path path) throws IOException {
        // Files.exists asks with access(2), no exception; it follows links, so a link to nothing
        // reads as missing, which is what a link gets here anyway.
        if (!Files.exists(path)) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isSymbolicLink() ? null : a;
        } catch (FileSystemException e) {
            return null;
        }
    }
}
