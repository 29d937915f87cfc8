package io.zyphos.http1;

import io.zyphos.testing.FuzzTargets;
import org.junit.jupiter.api.Test;

/**
 * Every fuzz target of this module is fuzzed in CI, not only replayed (the rules are in
 * {@link FuzzTargets}): what makes a new parser's target count.
 */
class FuzzTargetsTest {

    @Test
    void everyFuzzTargetHasItsOwnExecutionInTheFuzzProfileAndOneFuzzTest() throws Exception {
        FuzzTargets.assertEveryTargetIsFuzzedInCi(FuzzTargetsTest.class);
    }
}
