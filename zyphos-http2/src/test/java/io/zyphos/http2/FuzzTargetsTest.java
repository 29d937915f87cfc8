package io.zyphos.http2;

import io.zyphos.testing.FuzzTargets;
import org.junit.jupiter.api.Test;

/**
 * Every fuzz target of this module is fuzzed in CI, not only replayed (the rules are in
 * {@link FuzzTargets}): the frame decoder's and HPACK's, and every parser added here later.
 */
class FuzzTargetsTest {

    @Test
    void everyFuzzTargetHasItsOwnExecutionInTheFuzzProfileAndOneFuzzTest() throws Exception {
        FuzzTargets.assertEveryTargetIsFuzzedInCi(FuzzTargetsTest.class);
    }
}
