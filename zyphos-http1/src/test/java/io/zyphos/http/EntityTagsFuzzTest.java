package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * If-Match, If-None-Match and If-Range compare entity-tags (RFC 9110 §8.8.3.2): a strong match is
 * always a weak one too, {@code *} matches any representation, and a list matches when one of its
 * tags does. A value that breaks the grammar matches nothing from where it breaks, so what follows
 * a match never undoes it. The fuzz lesson for EntityTags.
 *
 * <p>The first bytes make the server's current tag (weak or strong, a few etagc characters). Then
 * a flag: set, the rest builds a well-formed list of tags checked against the rule above; clear, the
 * rest is the field value as a client sends it.
 */
class EntityTagsFuzzTest {

    private static final List<String> SEPARATORS = List.of(",", ", ", " ,", ",\t", " , ,");

    @FuzzTest(maxDuration = "30s")
    void aStrongMatchIsAlsoWeakAndAListMatchesWhenATagDoes(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        boolean currentWeak = in.flag();
        String opaque = opaque(in, 1 + in.choose(4));
        String current = (currentWeak ? "W/" : "") + '"' + opaque + '"';
        assertTrue(EntityTags.isValid(current), current);
        assertEquals(currentWeak, EntityTags.isWeak(current));
        assertEquals(!currentWeak, EntityTags.strongMatch(current, current), current);

        if (in.flag()) {
            assertAListMatchesWhenATagDoes(in, current, opaque);
            return;
        }
        String value = in.rest();
        boolean weak = EntityTags.valueMatches(value, current, false);
        boolean strong = EntityTags.valueMatches(value, current, true);
        assertTrue(weak || !strong, () -> "a strong match that is not a weak one: " + value);
        assertTrue(!EntityTags.strongMatch(value, current) || strong, value);
        int stride = Math.max(1, value.length() / 256);
        for (int cut = 0; cut < value.length(); cut += stride) {
            String prefix = value.substring(0, cut);
            if (EntityTags.valueMatches(prefix, current, false)) {
                assertTrue(weak, () -> "'" + prefix + "' matches but '" + value + "' does not");
            }
        }
    }

    private static void assertAListMatchesWhenATagDoes(FuzzInput in, String current, String currentOpaque) {
        int count = in.choose(6);
        List<String> tags = new ArrayList<>();
        boolean weakMatch = false;
        boolean strongMatch = false;
        boolean star = false;
        for (int i = 0; i < count; i++) {
            int kind = in.choose(8);
            if (kind == 0) {
                tags.add("*");
                star = true;
                continue;
            }
            boolean weak = in.flag();
            String opaque = kind < 4 ? currentOpaque : opaque(in, in.choose(5));
            tags.add((weak ? "W/" : "") + '"' + opaque + '"');
            if (opaque.equals(currentOpaque)) {
                weakMatch = true;
                strongMatch |= !weak && !EntityTags.isWeak(current);
            }
        }
        StringBuilder value = new StringBuilder();
        Headers lines = new Headers();
        for (String tag : tags) {
            if (!value.isEmpty()) {
                value.append(in.pick(SEPARATORS));
            }
            value.append(tag);
            lines.add(HeaderName.IF_NONE_MATCH, tag);
        }
        String v = value.toString();
        assertEquals(star || weakMatch, EntityTags.valueMatches(v, current, false), () -> "weak: " + v);
        assertEquals(star || strongMatch, EntityTags.valueMatches(v, current, true), () -> "strong: " + v);
        assertEquals(star || weakMatch, EntityTags.listMatches(lines, HeaderName.IF_NONE_MATCH, current, false),
                () -> "one tag per field line: " + v);
    }

    /** {@code length} etagc characters (RFC 9110 §8.8.3: 0x21, 0x23-0x7E, obs-text); other bytes become 'x'. */
    private static String opaque(FuzzInput in, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = in.nextByte();
            s.append((char) (c < 0x21 || c == '"' || c == 0x7F ? 'x' : c));
        }
        return s.toString();
    }
}
