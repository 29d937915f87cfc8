/**
 * The HTTP/2 frame layer (RFC 9113 §3.4, §4, §6; PRIORITY_UPDATE of RFC 9218 §7.1), sans-I/O:
 * bytes in, frames out; frames in, bytes out.
 *
 * <ul>
 *   <li>{@link io.zyphos.http2.frame.FrameDecoder}: received bytes, cut anywhere, to one
 *       {@link io.zyphos.http2.frame.FrameListener} call per frame, every frame-layer rule
 *       checked; field blocks joined from HEADERS and CONTINUATION within
 *       {@link io.zyphos.http2.frame.FrameDecoderConfig}'s limits.</li>
 *   <li>{@link io.zyphos.http2.frame.FrameWriter}: each frame type into the caller's buffer; DATA
 *       headers alone, so data is never copied; field blocks cut by the peer's frame size.</li>
 *   <li>{@link io.zyphos.http2.frame.Http2Frame}: the frames as records, one per type, each with
 *       its layout from the RFC.</li>
 *   <li>{@link io.zyphos.http2.frame.Http2Settings} and {@link io.zyphos.http2.frame.Http2Setting}:
 *       SETTINGS values, their initial values and the values each allows.</li>
 *   <li>{@link io.zyphos.http2.frame.Http2Exception} and
 *       {@link io.zyphos.http2.frame.Http2ErrorCode}: a connection or stream error with its code
 *       and the rule it breaks.</li>
 *   <li>{@link io.zyphos.http2.frame.ConnectionPreface}: the client preface, and a sniff for a
 *       protocol chooser.</li>
 * </ul>
 *
 * <p>Buffers follow the rules of {@link io.zyphos.buffer}: the decoder takes ownership of what it
 * receives and lends the listener slices of it; the writer reads the buffers it is given; a frame
 * record holds one reference to the bytes it carries.
 */
package io.zyphos.http2.frame;
