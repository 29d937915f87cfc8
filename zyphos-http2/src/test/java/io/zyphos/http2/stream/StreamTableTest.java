package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The registry's table of streams does what a {@code HashMap} would, over seeded random adds and
 * removes of the identifiers a connection uses (odd, mostly rising, closed in any order).
 */
class StreamTableTest {

    @Test
    void itAgreesWithAHashMapAfterEveryStep() {
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StreamTable table = new StreamTable();
            Map<Integer, Http2Stream> expected = new HashMap<>();
            int next = 1;
            for (int step = 0; step < 2_000; step++) {
                if (random.nextInt(3) > 0 || expected.isEmpty()) {
                    Http2Stream stream = new Http2Stream(next, StreamState.OPEN, new FlowControlWindow(0),
                            new ReceiveWindow(0, WindowUpdatePolicy.HALF));
                    table.add(stream);
                    expected.put(next, stream);
                    next += random.nextInt(4) == 0 ? 2 * random.nextInt(1, 50) : 2;
                } else {
                    int victim = expected.keySet().stream().skip(random.nextInt(expected.size())).findFirst().orElseThrow();
                    table.remove(victim);
                    expected.remove(victim);
                }
                assertEquals(expected.size(), table.size(), "seed " + seed);
                for (int id = Math.max(1, next - 200); id < next + 4; id++) {
                    assertSame(expected.get(id), table.get(id), "seed " + seed + ", stream " + id);
                }
            }
        }
    }
}
