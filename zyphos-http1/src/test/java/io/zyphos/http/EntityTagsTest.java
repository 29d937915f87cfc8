package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Comparing entity-tags (RFC 9110 §8.8.3.2): strong comparison needs two strong tags with the
 * same opaque-tag, weak comparison only the same opaque-tag. The first test is the RFC's table.
 */
class EntityTagsTest {

    @ParameterizedTest(name = "{0} vs {1}: strong {2}, weak {3}")
    @CsvSource(delimiter = '|', value = {
        "W/\"1\" | W/\"1\" | false | true",
        "W/\"1\" | W/\"2\" | false | false",
        "W/\"1\" | \"1\"   | false | true",
        "\"1\"   | \"1\"   | true  | true",
    })
    void theComparisonTableOfSection8_8_3_2(String a, String b, boolean strong, boolean weak) {
        assertEquals(strong, EntityTags.valueMatches(a, b, true));
        assertEquals(weak, EntityTags.valueMatches(a, b, false));
        assertEquals(strong, EntityTags.valueMatches(b, a, true), "symmetric");
        assertEquals(weak, EntityTags.valueMatches(b, a, false), "symmetric");
    }

    @Test
    void aListMatchesIfAnyMemberDoes() {
        assertTrue(EntityTags.valueMatches("\"a\", \"b\" ,W/\"c\"", "\"c\"", false));
        assertFalse(EntityTags.valueMatches("\"a\", \"b\" ,W/\"c\"", "\"c\"", true));
        assertTrue(EntityTags.valueMatches("\"a\",,  \"b\"", "\"b\"", true), "empty list elements are skipped");
    }

    @Test
    void aStarMatchesAnyCurrentRepresentation() {
        assertTrue(EntityTags.valueMatches("*", "\"x\"", true));
    }

    @Test
    void everyFieldLineCounts() {
        Headers h = new Headers().add(HeaderName.IF_NONE_MATCH, "\"a\"").add(HeaderName.IF_NONE_MATCH, "\"b\"");
        assertTrue(EntityTags.listMatches(h, HeaderName.IF_NONE_MATCH, "\"b\"", false));
        assertFalse(EntityTags.listMatches(h, HeaderName.IF_MATCH, "\"b\"", true));
    }

    @Test
    void aMalformedTagMatchesNothingFromWhereItBreaks() {
        assertFalse(EntityTags.valueMatches("abc", "\"abc\"", false), "unquoted");
        assertFalse(EntityTags.valueMatches("\"abc", "\"abc\"", false), "unterminated");
        assertFalse(EntityTags.valueMatches("w/\"abc\"", "\"abc\"", false), "W is case-sensitive");
        assertTrue(EntityTags.valueMatches("\"abc\", junk", "\"abc\"", false), "a match before the break still counts");
    }

    @Test
    void ifRangeTakesExactlyOneStrongTag() {
        assertTrue(EntityTags.strongMatch("\"abc\"", "\"abc\""));
        assertFalse(EntityTags.strongMatch("W/\"abc\"", "\"abc\""));
        assertFalse(EntityTags.strongMatch("\"abc\", \"abc\"", "\"abc\""));
        assertFalse(EntityTags.strongMatch("\"abc\" ", "\"abc\""));
    }
}
