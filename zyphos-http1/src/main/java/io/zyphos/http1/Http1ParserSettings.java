package io.zyphos.http1;

import java.util.EnumSet;
import java.util.Set;

/**
 * Limits and leniencies for one {@link Http1RequestParser}.
 *
 * <p>Every limit has a safe default and fails with the status RFC 9110, 9112 and 6585 name:
 * <table>
 *   <caption>Parser limits</caption>
 *   <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@link #maxMethodLength()}</td><td>{@value #DEFAULT_MAX_METHOD_LENGTH} bytes</td>
 *       <td>501 {@link Http1Violation#METHOD_TOO_LONG}</td></tr>
 *   <tr><td>{@link #maxTargetLength()}</td><td>{@value #DEFAULT_MAX_TARGET_LENGTH} bytes</td>
 *       <td>414 {@link Http1Violation#TARGET_TOO_LONG}</td></tr>
 *   <tr><td>{@link #maxLeadingEmptyLines()}</td><td>{@value #DEFAULT_MAX_LEADING_EMPTY_LINES}</td>
 *       <td>400 {@link Http1Violation#TOO_MANY_LEADING_EMPTY_LINES}</td></tr>
 *   <tr><td>{@link #maxHeaderSectionBytes()}</td><td>{@value #DEFAULT_MAX_HEADER_SECTION_BYTES} bytes</td>
 *       <td>431 {@link Http1Violation#HEADER_SECTION_TOO_LARGE}</td></tr>
 *   <tr><td>{@link #maxFieldCount()}</td><td>{@value #DEFAULT_MAX_FIELD_COUNT} field lines</td>
 *       <td>431 {@link Http1Violation#TOO_MANY_FIELDS}</td></tr>
 *   <tr><td>{@link #maxBodyBytes()}</td><td>{@value #DEFAULT_MAX_BODY_BYTES} bytes</td>
 *       <td>413 {@link Http1Violation#BODY_TOO_LARGE}</td></tr>
 *   <tr><td>{@link #maxChunkLineLength()}</td><td>{@value #DEFAULT_MAX_CHUNK_LINE_LENGTH} bytes</td>
 *       <td>400 {@link Http1Violation#CHUNK_LINE_TOO_LONG}</td></tr>
 *   <tr><td>{@link #maxTrailerSectionBytes()}</td><td>{@value #DEFAULT_MAX_TRAILER_SECTION_BYTES} bytes</td>
 *       <td>431 {@link Http1Violation#TRAILER_SECTION_TOO_LARGE}</td></tr>
 * </table>
 *
 * <p>The header section counts every byte from the first field line through the empty line that
 * ends it; the request line is limited by the method and target limits. The field count limit
 * applies to the trailer section too. A body limit applies to a Content-Length before any body
 * byte is read, and to the running total of chunk sizes as each chunk-size line arrives.
 *
 * <p>{@link #allowedViolations()} may hold only {@linkplain Http1Violation#lenient() lenient}
 * violations; the default, {@link #defaults()}, holds none.
 *
 * @param maxMethodLength longest method, in bytes
 * @param maxTargetLength longest request-target, in bytes
 * @param maxLeadingEmptyLines empty lines ignored before a request line (RFC 9112 §2.2)
 * @param maxHeaderSectionBytes largest header section, in bytes
 * @param maxFieldCount most field lines in a header or trailer section
 * @param maxBodyBytes largest request body, in bytes
 * @param maxChunkLineLength longest chunk-size line with its extensions, in bytes
 * @param maxTrailerSectionBytes largest trailer section, in bytes
 * @param allowedViolations leniencies to accept instead of rejecting
 */
public record Http1ParserSettings(
        int maxMethodLength,
        int maxTargetLength,
        int maxLeadingEmptyLines,
        int maxHeaderSectionBytes,
        int maxFieldCount,
        long maxBodyBytes,
        int maxChunkLineLength,
        int maxTrailerSectionBytes,
        Set<Http1Violation> allowedViolations) {

    /** Longer than any method in the IANA registry (the longest, UPDATEREDIRECTREF, has 17). */
    public static final int DEFAULT_MAX_METHOD_LENGTH = 32;
    /** RFC 9112 §3 recommends supporting request-lines of at least 8000 octets. */
    public static final int DEFAULT_MAX_TARGET_LENGTH = 8192;
    /** RFC 9112 §2.2 asks servers to ignore at least one. */
    public static final int DEFAULT_MAX_LEADING_EMPTY_LINES = 4;
    /** Four times what a browser with a few cookies sends. */
    public static final int DEFAULT_MAX_HEADER_SECTION_BYTES = 16 * 1024;
    /** A browser sends 10 to 20. */
    public static final int DEFAULT_MAX_FIELD_COUNT = 100;
    /** Larger bodies should be raised per route, not for every connection. */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /** A chunk size needs at most 16 hex digits; the rest is room for extensions. */
    public static final int DEFAULT_MAX_CHUNK_LINE_LENGTH = 1024;
    /** Trailers are rare and small. */
    public static final int DEFAULT_MAX_TRAILER_SECTION_BYTES = 8 * 1024;

    private static final Http1ParserSettings DEFAULTS = new Http1ParserSettings(
            DEFAULT_MAX_METHOD_LENGTH,
            DEFAULT_MAX_TARGET_LENGTH,
            DEFAULT_MAX_LEADING_EMPTY_LINES,
            DEFAULT_MAX_HEADER_SECTION_BYTES,
            DEFAULT_MAX_FIELD_COUNT,
            DEFAULT_MAX_BODY_BYTES,
            DEFAULT_MAX_CHUNK_LINE_LENGTH,
            DEFAULT_MAX_TRAILER_SECTION_BYTES,
            Set.of());

    /** Checks the limits are positive and the allowed violations lenient. */
    public Http1ParserSettings {
        requirePositive("maxMethodLength", maxMethodLength);
        requirePositive("maxTargetLength", maxTargetLength);
        if (maxLeadingEmptyLines < 0) {
            throw new IllegalArgumentException("maxLeadingEmptyLines must not be negative: " + maxLeadingEmptyLines);
        }
        requirePositive("maxHeaderSectionBytes", maxHeaderSectionBytes);
        requirePositive("maxFieldCount", maxFieldCount);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
        }
        requirePositive("maxChunkLineLength", maxChunkLineLength);
        requirePositive("maxTrailerSectionBytes", maxTrailerSectionBytes);
        for (Http1Violation v : allowedViolations) {
            if (!v.lenient()) {
                throw new IllegalArgumentException(v + " is never allowed: " + v.reference() + " requires rejecting it");
            }
        }
        allowedViolations = allowedViolations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedViolations));
    }

    /** Every default from the table above, and no leniency. */
    public static Http1ParserSettings defaults() {
        return DEFAULTS;
    }

    /** These settings, with these leniencies allowed. */
    public Http1ParserSettings allowing(Http1Violation... violations) {
        EnumSet<Http1Violation> set = EnumSet.noneOf(Http1Violation.class);
        set.addAll(allowedViolations);
        set.addAll(java.util.List.of(violations));
        return new Http1ParserSettings(maxMethodLength, maxTargetLength, maxLeadingEmptyLines, maxHeaderSectionBytes,
                maxFieldCount, maxBodyBytes, maxChunkLineLength, maxTrailerSectionBytes, set);
    }

    /** These settings with another body limit. */
    public Http1ParserSettings withMaxBodyBytes(long max) {
        return new Http1ParserSettings(maxMethodLength, maxTargetLength, maxLeadingEmptyLines, maxHeaderSectionBytes,
                maxFieldCount, max, maxChunkLineLength, maxTrailerSectionBytes, allowedViolations);
    }

    /** Whether a leniency is allowed. */
    public boolean allows(Http1Violation violation) {
        return allowedViolations.contains(violation);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
