package io.zyphos.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the summary {@code strace -c} writes on detaching, from which the echo harness takes its
 * syscalls per request: the total line, and each call's count whether or not its errors column is
 * blank.
 */
class StraceSummaryTest {

    private static final List<String> SUMMARY = List.of(
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 89.06    0.362101         297      1217        95 futex",
            "  2.97    0.012076          12      1005           epoll_wait",
            "  1.47    0.005966           4      1289           read",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.406580          82      4906        99 total");

    @Test
    void readsTheTotalAndEachCallCommonestFirst() {
        StraceSummary s = StraceSummary.parse(SUMMARY);

        assertEquals(4906, s.totalCalls());
        assertEquals(List.of(
                new StraceSummary.Syscall("read", 1289),
                new StraceSummary.Syscall("futex", 1217),
                new StraceSummary.Syscall("epoll_wait", 1005)), s.syscalls());
    }

    @Test
    void aSummaryWithoutATotalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StraceSummary.parse(SUMMARY.subList(0, 5)));
    }
}
