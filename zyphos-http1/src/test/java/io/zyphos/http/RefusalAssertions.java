package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every refusal of client input must look like: an {@link HttpException} with the status the
 * RFC names and a message that may go into a response body or a log line as it is, so it holds no
 * control character (a CR or LF there would let the input forge log lines).
 */
public final class RefusalAssertions {

    private RefusalAssertions() {}

    /** Asserts {@code refusal} is a 400 Bad Request with a clean message. */
    public static void assertBadRequest(HttpException refusal) {
        assertEquals(Status.BAD_REQUEST, refusal.status(), refusal.getMessage());
        assertCleanMessage(refusal);
    }

    /** Asserts {@code refusal}'s message is non-empty and has no C0, DEL or C1 control. */
    public static void assertCleanMessage(HttpException refusal) {
        String message = refusal.getMessage();
        assertNotNull(message, "a refusal says why");
        assertFalse(message.isBlank(), "a refusal says why");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertTrue(c >= 0x20 && (c < 0x7F || c > 0x9F), () -> "control character 0x"
                    + Integer.toHexString(c) + " in the message: " + message.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
