package io.zyphos.http.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.ResponseBody;

/** How long a response's content is, whatever the version that frames it. */
public final class ResponseLength {

    private ResponseLength() {}

    /**
     * The Content-Length {@code body} has: its bytes, its file region, nothing for an empty body
     * or a protocol switch; for a streamed body the length its handler {@code declared}, -1 when
     * it declared none. Also what a response to HEAD announces for the GET (RFC 9110 §9.3.2).
     */
    public static long of(ResponseBody body, long declared) {
        return switch (body) {
            case ResponseBody.Empty empty -> 0;
            case ResponseBody.Bytes(ByteBuf content) -> content.readableBytes();
            case ResponseBody.FileRegion region -> region.length();
            case ResponseBody.Streamed streamed -> declared;
            case ResponseBody.ProtocolSwitch change -> 0;
        };
    }
}
