package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.RequestTarget;
import io.zyphos.http1.Http1Fields;
import io.zyphos.http1.Http1RequestHead;
import java.nio.charset.StandardCharsets;

/**
 * What the previous request on a connection said, kept to spare the next one the copying: a
 * client on a kept-alive connection sends the same target and the same field values again and
 * again (a browser's User-Agent and Accept, a load generator's everything). When the bytes match
 * what was seen before, the Strings (and the parsed target) made then are used again, so a
 * repeated request allocates no String for them.
 *
 * <p>Fields are remembered by position: field {@code i} of this request is compared with field
 * {@code i} of the last one. One per connection, on its thread.
 */
final class RepeatCache {

    private static final int MAX_FIELDS = 32;

    private String lastTarget;
    private RequestTarget lastParsedTarget;
    private final HeaderName[] names = new HeaderName[MAX_FIELDS];
    private final String[] values = new String[MAX_FIELDS];

    /** The raw request-target, the previous String when the bytes are the same. */
    String target(Http1RequestHead head) {
        ByteBuf buf = head.buffer();
        String last = lastTarget;
        if (last != null && Ascii.equals(buf, head.targetOffset(), head.targetLength(), last)) {
            return last;
        }
        lastTarget = buf.toString(head.targetOffset(), head.targetLength(), StandardCharsets.ISO_8859_1);
        lastParsedTarget = null;
        return lastTarget;
    }

    /** The parsed form of {@code raw}, if it is the last target and was parsed before; else null. */
    RequestTarget parsedTarget(String raw) {
        return raw == lastTarget ? lastParsedTarget : null;
    }

    void parsedTarget(String raw, RequestTarget parsed) {
        if (raw == lastTarget) {
            lastParsedTarget = parsed;
        }
    }

    /** The fields as {@link Headers}: names interned where well known, repeated values reused. */
    Headers headers(Http1Fields fields) {
        Headers headers = new Headers();
        ByteBuf buf = fields.buffer();
        for (int i = 0, n = fields.size(); i < n; i++) {
            int nameOffset = fields.nameOffset(i);
            int nameLength = fields.nameLength(i);
            int valueOffset = fields.valueOffset(i);
            int valueLength = fields.valueLength(i);
            if (i < MAX_FIELDS && names[i] != null && values[i] != null
                    && Ascii.equalsIgnoreCase(buf, nameOffset, nameLength, names[i].name())
                    && Ascii.equals(buf, valueOffset, valueLength, values[i])) {
                headers.add(names[i], values[i]);
                continue;
            }
            HeaderName name = HeaderName.lookup(buf, nameOffset, nameLength);
            if (name == null) {
                name = HeaderName.of(fields.name(i));
            }
            String value = fields.value(i);
            headers.add(name, value);
            if (i < MAX_FIELDS) {
                names[i] = name;
                values[i] = value;
            }
        }
        return headers;
    }
}
