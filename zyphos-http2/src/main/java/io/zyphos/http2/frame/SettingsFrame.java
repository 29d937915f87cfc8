package io.zyphos.http2.frame;

import java.util.Objects;

/**
 * SETTINGS (RFC 9113 §6.5): the sender's configuration, or (with ACK and no payload) the
 * acknowledgement that the peer's last SETTINGS frame was applied. Always on stream 0.
 *
 * <pre>
 * SETTINGS Frame {
 *   Length (24),
 *   Type (8) = 0x04,
 *
 *   Unused Flags (7),
 *   ACK Flag (1),
 *
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *
 *   Setting (48) ...,
 * }
 *
 * Setting {
 *   Identifier (16),
 *   Value (32),
 * }
 * </pre>
 *
 * @param ack the ACK flag; then {@code settings} gives nothing
 * @param settings the settings the frame gives, written in identifier order
 */
public record SettingsFrame(boolean ack, Http2Settings settings) implements Http2Frame {

    /** The acknowledgement: ACK and no settings. */
    public static final SettingsFrame ACK = new SettingsFrame(true, Http2Settings.defaults());

    /** Each setting takes 6 octets. */
    public static final int SETTING_LENGTH = 6;

    /** Checks an acknowledgement gives no settings (§6.5). */
    public SettingsFrame {
        Objects.requireNonNull(settings, "settings");
        if (ack && !settings.isEmpty()) {
            throw new IllegalArgumentException("a SETTINGS acknowledgement carries no settings (RFC 9113 §6.5)");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.SETTINGS;
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int payloadLength() {
        return settings.size() * SETTING_LENGTH;
    }
}
