package io.zyphos.http2.frame;

/**
 * The settings a SETTINGS frame can carry (RFC 9113 §6.5.2), with their identifiers, initial
 * values and the values each allows. A SETTINGS frame may also carry identifiers not listed here;
 * those are ignored (§6.5.2: "An endpoint that receives a SETTINGS frame with any unknown or
 * unsupported identifier MUST ignore that setting").
 *
 * <table>
 *   <caption>Settings and the values they allow</caption>
 *   <tr><th>setting</th><th>id</th><th>initial value</th><th>allowed</th><th>else</th><th>rule</th></tr>
 *   <tr><td>{@link #HEADER_TABLE_SIZE}</td><td>0x1</td><td>4,096</td><td>any</td><td></td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #ENABLE_PUSH}</td><td>0x2</td><td>1</td><td>0 or 1</td><td>PROTOCOL_ERROR</td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #MAX_CONCURRENT_STREAMS}</td><td>0x3</td><td>unlimited</td><td>any</td><td></td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #INITIAL_WINDOW_SIZE}</td><td>0x4</td><td>65,535</td><td>up to 2^31-1</td><td>FLOW_CONTROL_ERROR</td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #MAX_FRAME_SIZE}</td><td>0x5</td><td>16,384</td><td>2^14 to 2^24-1</td><td>PROTOCOL_ERROR</td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #MAX_HEADER_LIST_SIZE}</td><td>0x6</td><td>unlimited</td><td>any</td><td></td><td>RFC 9113 §6.5.2</td></tr>
 *   <tr><td>{@link #ENABLE_CONNECT_PROTOCOL}</td><td>0x8</td><td>0</td><td>0 or 1</td><td>PROTOCOL_ERROR</td><td>RFC 8441 §3</td></tr>
 *   <tr><td>{@link #NO_RFC7540_PRIORITIES}</td><td>0x9</td><td>0</td><td>0 or 1</td><td>PROTOCOL_ERROR</td><td>RFC 9218 §2.1</td></tr>
 * </table>
 *
 * <p>Values are unsigned 32-bit numbers on the wire, held here as {@code long}s. "Unlimited" is
 * {@link Http2Settings#UNLIMITED}, which no frame can carry.
 */
public enum Http2Setting {
    /** The largest HPACK dynamic table the sender's decoder allows, in octets. */
    HEADER_TABLE_SIZE(0x1, 4096, "RFC 9113 §6.5.2"),
    /** Whether the sender (a client) accepts server push: 0 or 1. */
    ENABLE_PUSH(0x2, 1, "RFC 9113 §6.5.2"),
    /** How many streams the sender lets the receiver open at once. */
    MAX_CONCURRENT_STREAMS(0x3, Http2Settings.UNLIMITED, "RFC 9113 §6.5.2"),
    /** The sender's initial flow-control window for new streams, in octets. */
    INITIAL_WINDOW_SIZE(0x4, 65_535, "RFC 9113 §6.5.2"),
    /** The largest frame payload the sender is willing to receive, in octets. */
    MAX_FRAME_SIZE(0x5, 16_384, "RFC 9113 §6.5.2"),
    /** Advisory: the largest field section the sender accepts, uncompressed, in octets. */
    MAX_HEADER_LIST_SIZE(0x6, Http2Settings.UNLIMITED, "RFC 9113 §6.5.2"),
    /** Whether the sender (a server) accepts the extended CONNECT of RFC 8441: 0 or 1. */
    ENABLE_CONNECT_PROTOCOL(0x8, 0, "RFC 8441 §3"),
    /** Whether the sender ignores the priority signals of RFC 7540 (RFC 9218 §2.1): 0 or 1. */
    NO_RFC7540_PRIORITIES(0x9, 0, "RFC 9218 §2.1");

    /** The largest value of a setting on the wire: 2^32-1. */
    static final long MAX_WIRE_VALUE = 0xFFFF_FFFFL;
    /** The largest flow-control window (RFC 9113 §6.9.1). */
    static final long MAX_WINDOW_SIZE = 0x7FFF_FFFFL;
    /** The smallest and largest SETTINGS_MAX_FRAME_SIZE (RFC 9113 §4.2). */
    static final int MIN_MAX_FRAME_SIZE = 1 << 14;
    static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;

    private static final Http2Setting[] BY_ID = new Http2Setting[16];

    static {
        for (Http2Setting setting : values()) {
            BY_ID[setting.id] = setting;
        }
    }

    private final int id;
    private final long initialValue;
    private final String reference;

    Http2Setting(int id, long initialValue, String reference) {
        this.id = id;
        this.initialValue = initialValue;
        this.reference = reference;
    }

    /** The 16-bit identifier on the wire. */
    public int id() {
        return id;
    }

    /** The value before any SETTINGS frame gives one. */
    public long initialValue() {
        return initialValue;
    }

    /** The setting with this identifier, or null for one this endpoint does not know. */
    public static Http2Setting forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * The rule {@code value} breaks, as the message of the connection error a peer gets for sending
     * it; null if the value is allowed. Values are read from the wire, so they are never negative
     * or above 2^32-1.
     */
    String violation(long value) {
        return switch (this) {
            case ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL, NO_RFC7540_PRIORITIES -> value > 1
                    ? "SETTINGS_" + name() + " of " + value + ", neither 0 nor 1 (" + reference + ")"
                    : null;
            case INITIAL_WINDOW_SIZE -> value > MAX_WINDOW_SIZE
                    ? "SETTINGS_INITIAL_WINDOW_SIZE of " + value + ", above the largest window 2^31-1 (" + reference + ")"
                    : null;
            case MAX_FRAME_SIZE -> value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE
                    ? "SETTINGS_MAX_FRAME_SIZE of " + value + ", outside 16384 to 16777215 (" + reference + ")"
                    : null;
            case HEADER_TABLE_SIZE, MAX_CONCURRENT_STREAMS, MAX_HEADER_LIST_SIZE -> null;
        };
    }

    /** The error code for a value {@link #violation} refuses. */
    Http2ErrorCode violationCode() {
        return this == INITIAL_WINDOW_SIZE ? Http2ErrorCode.FLOW_CONTROL_ERROR : Http2ErrorCode.PROTOCOL_ERROR;
    }
}
