package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.RequestTarget;
import io.zyphos.http1.Http1Fields;
import io.zyphos.http1.Http1RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the previous request on a connection said, kept to spare the next one the copying: a
 * client on a kept-alive connection sends the same target and the same field values again and
 * again (a browser's User-Agent and Accept, a load generator's everything). When the bytes match
 * what was seen before, the Strings (and the parsed target) made then are used again, so a
 * repeated request allocates no String for them; when every field repeats, the last request's
 * fields are copied whole, with no value checked again.
 *
 * <p>The head's bytes are compared from one copy in a per-thread array rather than through the
 * buffer, whose every {@code getByte} checks that the buffer is still live. Fields are remembered
 * by position: field {@code i} of this request is compared with field {@code i} of the last one.
 * One per connection, on its thread.
 */
final class RepeatCache {

    private static final int MAX_FIELDS = 32;
    /** The longest stretch of a head copied to be compared; a longer one is compared in the buffer. */
    private static final int MAX_COPY = 16 * 1024;
    /** One copy of the head being read, per thread: used only within {@link #read}. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[1024];
        }
    };

    private String lastTarget;
    /** The bytes {@link #lastTarget} was made from, compared whole (Arrays.equals is vectorised). */
    private byte[] lastTargetBytes = new byte[0];
    private RequestTarget lastParsedTarget;
    private final HeaderName[] names = new HeaderName[MAX_FIELDS];
    private final String[] values = new String[MAX_FIELDS];
    /** Field {@code i}'s line as it came, from its name's first byte to its value's last. */
    private final byte[][] lines = new byte[MAX_FIELDS][];
    /** Where field {@code i}'s value started within its line. */
    private final int[] valueStart = new int[MAX_FIELDS];
    /** The last request's fields, when it had no more than {@link #MAX_FIELDS}; else {@code null}. */
    private Headers lastFields;

    /**
     * Reads {@code head}'s target and fields: returns the raw request-target (the previous String
     * when the bytes are the same) and puts the fields into {@code into}, which is cleared first.
     */
    String read(Http1RequestHead head, Headers into) {
        ByteBuf buf = head.buffer();
        Http1Fields fields = head.fields();
        int start = head.targetOffset();
        int n = fields.size();
        int end = n == 0 ? start + head.targetLength() : fields.valueOffset(n - 1) + fields.valueLength(n - 1);
        if (fields.buffer() != buf || end - start > MAX_COPY) {
            return readFromBuffer(head, into);
        }
        byte[] bytes = SCRATCH.get();
        if (bytes.length < end - start) {
            bytes = new byte[Integer.highestOneBit(end - start) << 1];
            SCRATCH.set(bytes);
        }
        buf.getBytes(start, bytes, 0, end - start);

        String target = lastTarget;
        int targetLength = head.targetLength();
        if (target == null || !Arrays.equals(bytes, 0, targetLength, lastTargetBytes, 0, lastTargetBytes.length)) {
            target = new String(bytes, 0, targetLength, StandardCharsets.ISO_8859_1);
            lastTarget = target;
            lastTargetBytes = Arrays.copyOf(bytes, targetLength);
            lastParsedTarget = null;
        }
        int repeated = 0;
        while (repeated < n && repeats(bytes, start, fields, repeated)) {
            repeated++;
        }
        if (repeated == n && lastFields != null && lastFields.size() == n) {
            into.setAll(lastFields);
            return target;
        }
        into.clear();
        for (int i = 0; i < n; i++) {
            if (i < repeated || repeats(bytes, start, fields, i)) {
                into.add(names[i], values[i]);
                continue;
            }
            int nameOffset = fields.nameOffset(i);
            HeaderName name = HeaderName.lookup(buf, nameOffset, fields.nameLength(i));
            if (name == null) {
                name = HeaderName.of(new String(bytes, nameOffset - start, fields.nameLength(i), StandardCharsets.ISO_8859_1));
            }
            String value = new String(bytes, fields.valueOffset(i) - start, fields.valueLength(i), StandardCharsets.ISO_8859_1);
            into.add(name, value);
            remember(i, name, value);
            if (i < MAX_FIELDS) {
                int from = fields.nameOffset(i) - start;
                lines[i] = Arrays.copyOfRange(bytes, from, fields.valueOffset(i) + fields.valueLength(i) - start);
                valueStart[i] = fields.valueOffset(i) - fields.nameOffset(i);
            }
        }
        rememberFields(into);
        return target;
    }

    /** Whether field {@code i}, copied into {@code bytes} from {@code start}, is the one remembered at {@code i}. */
    private boolean repeats(byte[] bytes, int start, Http1Fields fields, int i) {
        if (i >= MAX_FIELDS || lines[i] == null) {
            return false;
        }
        int from = fields.nameOffset(i) - start;
        int to = fields.valueOffset(i) + fields.valueLength(i) - start;
        // The whole line, name to value, byte for byte: where the value starts within it is fixed
        // by the name and the whitespace, which are part of what is compared.
        return Arrays.equals(bytes, from, to, lines[i], 0, lines[i].length)
                && fields.valueOffset(i) - fields.nameOffset(i) == valueStart[i];
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

    /** {@link #read} for a head too long to copy: compared through the buffer, nothing kept whole. */
    private String readFromBuffer(Http1RequestHead head, Headers into) {
        ByteBuf buf = head.buffer();
        String target = lastTarget;
        if (target == null || !Ascii.equals(buf, head.targetOffset(), head.targetLength(), target)) {
            target = buf.toString(head.targetOffset(), head.targetLength(), StandardCharsets.ISO_8859_1);
            lastTarget = target;
            lastTargetBytes = target.getBytes(StandardCharsets.ISO_8859_1);
            lastParsedTarget = null;
        }
        Http1Fields fields = head.fields();
        ByteBuf fieldBuf = fields.buffer();
        into.clear();
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (i < MAX_FIELDS && names[i] != null
                    && Ascii.equalsIgnoreCase(fieldBuf, fields.nameOffset(i), fields.nameLength(i), names[i].name())
                    && Ascii.equals(fieldBuf, fields.valueOffset(i), fields.valueLength(i), values[i])) {
                into.add(names[i], values[i]);
                continue;
            }
            HeaderName name = HeaderName.lookup(fieldBuf, fields.nameOffset(i), fields.nameLength(i));
            if (name == null) {
                name = HeaderName.of(fields.name(i));
            }
            String value = fields.value(i);
            into.add(name, value);
            remember(i, name, value);
            if (i < MAX_FIELDS) {
                lines[i] = null;
            }
        }
        lastFields = null;
        return target;
    }

    private void remember(int i, HeaderName name, String value) {
        if (i < MAX_FIELDS) {
            names[i] = name;
            values[i] = value;
        }
    }

    /** Keeps {@code fields} as the last request's, if every one of them is remembered by position. */
    private void rememberFields(Headers fields) {
        if (fields.size() > MAX_FIELDS) {
            lastFields = null;
            return;
        }
        if (lastFields == null) {
            lastFields = new Headers();
        }
        lastFields.setAll(fields);
    }
}
