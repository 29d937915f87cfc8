package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http2.frame.Http2Exception;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Flow control as properties over many seeded random runs (RFC 9113 §5.2, §6.9): a window never
 * passes 2^31-1 whatever WINDOW_UPDATEs arrive; and a sender and a receiver that consumes all it
 * gets always make progress, whatever the window, the policy and the sizes of frames and reads, with
 * no more buffered than the window. A failing seed is printed in the message to replay it.
 */
class FlowControlPropertiesTest {

    private static final int RUNS = 500;

    @Test
    void aWindowNeverPasses2To31Minus1() {
        for (long seed = 1; seed <= RUNS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            FlowControlWindow window = new FlowControlWindow(random.nextInt(0, FlowControlWindow.MAX_WINDOW));
            for (int step = 0; step < 50; step++) {
                int before = window.available();
                int increment = random.nextBoolean() ? random.nextInt(1, 1 << 20) : random.nextInt(1, Integer.MAX_VALUE);
                try {
                    window.onWindowUpdate(increment, 1);
                    assertEquals((long) before + increment, window.available(), "seed " + seed);
                } catch (Http2Exception e) {
                    assertTrue((long) before + increment > FlowControlWindow.MAX_WINDOW, "seed " + seed);
                    assertEquals(before, window.available(), "seed " + seed);
                }
                if (random.nextInt(4) == 0 && window.available() > 0) {
                    window.consume(random.nextInt(0, window.available() + 1));
                }
            }
        }
    }

    @Test
    void aReaderThatConsumesEverythingNeverStallsItsSender() {
        for (long seed = 1; seed <= RUNS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int initial = random.nextInt(1, 1 << random.nextInt(1, 21));
            WindowUpdatePolicy policy = new WindowUpdatePolicy(random.nextInt(1, 101));
            int maxFrameSize = random.nextInt(1, 20_000);
            long toSend = random.nextLong(1, 4L * initial + 100_000);

            FlowControlWindow senderView = new FlowControlWindow(initial);
            ReceiveWindow receiver = new ReceiveWindow(initial, policy);
            long sent = 0;
            long delivered = 0;
            int steps = 0;
            while (delivered < toSend) {
                assertTrue(++steps < 10_000_000, "seed " + seed + ": no progress");
                int n = FlowControlWindow.sendable(toSend - sent, senderView, senderView, maxFrameSize);
                assertTrue(n > 0 || sent == toSend || receiver.buffered() > 0,
                        "seed " + seed + ": the sender is stalled with everything consumed, " + receiver);
                if (n > 0 && (receiver.buffered() == 0 || random.nextBoolean())) {
                    int padding = random.nextInt(8) == 0 ? random.nextInt(0, n + 1) : 0;
                    senderView.consume(n);
                    int increment = receiver.onData(n, padding, 1);
                    if (increment > 0) {
                        senderView.onWindowUpdate(increment, 1);
                    }
                    sent += n - padding;
                } else {
                    int waiting = receiver.buffered();
                    int take = random.nextInt(3) == 0 ? waiting : random.nextInt(1, waiting + 1);
                    int increment = receiver.onConsumed(take);
                    delivered += take;
                    if (increment > 0) {
                        senderView.onWindowUpdate(increment, 1);
                    }
                }
                assertTrue(receiver.buffered() <= initial, "seed " + seed + ": buffered past the window");
            }
            assertEquals(senderView.available(), receiver.available(), "seed " + seed + ": both ends agree");
        }
    }
}
