package io.zyphos.http2.frame;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A set of HTTP/2 settings (RFC 9113 §6.5.2, RFC 8441 §3, RFC 9218 §2.1): for each
 * {@link Http2Setting}, either a value this set gives, or the setting's initial value.
 *
 * <p>One class serves both uses. The settings of a SETTINGS frame give some values and leave the
 * rest out; {@link #contains} says which. An endpoint's current settings start from
 * {@link #defaults()}, where nothing is given and every value is the RFC's initial one, and take in
 * each SETTINGS frame with {@link #updatedBy}, which replaces only the values the frame gives
 * (§6.5: "Each parameter in a SETTINGS frame replaces any existing value for that parameter").
 *
 * <pre>{@code
 * Http2Settings peer = Http2Settings.defaults();
 * peer = peer.updatedBy(receivedSettings);            // in FrameListener.onSettings
 * int window = peer.initialWindowSize();
 * Http2Settings mine = Http2Settings.defaults()
 *         .with(Http2Setting.MAX_CONCURRENT_STREAMS, 100)
 *         .with(Http2Setting.ENABLE_PUSH, 0);         // FrameWriter writes these two, nothing else
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Http2Settings {

    /**
     * No limit: the initial value of SETTINGS_MAX_CONCURRENT_STREAMS and
     * SETTINGS_MAX_HEADER_LIST_SIZE. Larger than any value a frame can carry (2^32-1).
     */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final Http2Setting[] SETTINGS = Http2Setting.values();
    private static final long[] INITIAL_VALUES = new long[SETTINGS.length];

    static {
        for (Http2Setting setting : SETTINGS) {
            INITIAL_VALUES[setting.ordinal()] = setting.initialValue();
        }
    }

    private static final Http2Settings DEFAULTS = new Http2Settings(INITIAL_VALUES.clone(), 0);

    /** By {@link Http2Setting#ordinal()}. */
    private final long[] values;
    /** Bit {@code ordinal} set for each setting this set gives. */
    private final int given;

    private Http2Settings(long[] values, int given) {
        this.values = values;
        this.given = given;
    }

    /** Nothing given: every setting at its initial value. */
    public static Http2Settings defaults() {
        return DEFAULTS;
    }

    /** A fresh array of the initial values, by ordinal, for a decoder to fill in. */
    static long[] initialValues() {
        return INITIAL_VALUES.clone();
    }

    /** Settings over {@code values} (not copied: the caller hands the array over) giving those in {@code given}. */
    static Http2Settings of(long[] values, int given) {
        return given == 0 ? DEFAULTS : new Http2Settings(values, given);
    }

    /**
     * These settings, also giving {@code setting} the value {@code value}.
     *
     * @throws IllegalArgumentException if the value is not one the setting allows (see
     *     {@link Http2Setting}), or cannot be sent (negative, or above 2^32-1)
     */
    public Http2Settings with(Http2Setting setting, long value) {
        if (value < 0 || value > Http2Setting.MAX_WIRE_VALUE) {
            throw new IllegalArgumentException(setting + " must be between 0 and 2^32-1 to be sent: " + value);
        }
        String violation = setting.violation(value);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        long[] copy = values.clone();
        copy[setting.ordinal()] = value;
        return new Http2Settings(copy, given | 1 << setting.ordinal());
    }

    /** These settings with each value {@code changes} gives put in place of this set's. */
    public Http2Settings updatedBy(Http2Settings changes) {
        if (changes.given == 0) {
            return this;
        }
        long[] copy = values.clone();
        for (Http2Setting setting : SETTINGS) {
            if (changes.contains(setting)) {
                copy[setting.ordinal()] = changes.get(setting);
            }
        }
        return new Http2Settings(copy, given | changes.given);
    }

    /** Whether this set gives a value for {@code setting}, rather than leaving its initial one. */
    public boolean contains(Http2Setting setting) {
        return (given & 1 << setting.ordinal()) != 0;
    }

    /** Whether this set gives no value at all. */
    public boolean isEmpty() {
        return given == 0;
    }

    /** How many settings this set gives a value for. */
    public int size() {
        return Integer.bitCount(given);
    }

    /** The value of {@code setting}: the one given, or the initial one. */
    public long get(Http2Setting setting) {
        return values[setting.ordinal()];
    }

    /** SETTINGS_HEADER_TABLE_SIZE: octets of HPACK dynamic table the sender's decoder allows. */
    public long headerTableSize() {
        return get(Http2Setting.HEADER_TABLE_SIZE);
    }

    /** SETTINGS_ENABLE_PUSH: whether the sender accepts server push. */
    public boolean enablePush() {
        return get(Http2Setting.ENABLE_PUSH) == 1;
    }

    /** SETTINGS_MAX_CONCURRENT_STREAMS; {@link #UNLIMITED} until given. */
    public long maxConcurrentStreams() {
        return get(Http2Setting.MAX_CONCURRENT_STREAMS);
    }

    /** SETTINGS_INITIAL_WINDOW_SIZE: the initial flow-control window of new streams. */
    public int initialWindowSize() {
        return (int) get(Http2Setting.INITIAL_WINDOW_SIZE);
    }

    /** SETTINGS_MAX_FRAME_SIZE: the largest frame payload the sender accepts. */
    public int maxFrameSize() {
        return (int) get(Http2Setting.MAX_FRAME_SIZE);
    }

    /** SETTINGS_MAX_HEADER_LIST_SIZE; {@link #UNLIMITED} until given. */
    public long maxHeaderListSize() {
        return get(Http2Setting.MAX_HEADER_LIST_SIZE);
    }

    /** SETTINGS_ENABLE_CONNECT_PROTOCOL: whether the sender accepts extended CONNECT (RFC 8441). */
    public boolean enableConnectProtocol() {
        return get(Http2Setting.ENABLE_CONNECT_PROTOCOL) == 1;
    }

    /** SETTINGS_NO_RFC7540_PRIORITIES: whether the sender ignores RFC 7540 priority signals (RFC 9218). */
    public boolean noRfc7540Priorities() {
        return get(Http2Setting.NO_RFC7540_PRIORITIES) == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Http2Settings other && given == other.given && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * given + Arrays.hashCode(values);
    }

    /** The values given, in identifier order, such as "{ENABLE_PUSH=0, MAX_FRAME_SIZE=32768}". */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "{", "}");
        for (Http2Setting setting : SETTINGS) {
            if (contains(setting)) {
                s.add(setting + "=" + get(setting));
            }
        }
        return s.toString();
    }
}
