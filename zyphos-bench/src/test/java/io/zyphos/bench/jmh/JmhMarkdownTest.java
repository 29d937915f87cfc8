package io.zyphos.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.junit.jupiter.api.Test;

/**
 * The JMH summary's counters column: a benchmark's auxiliary counters ({@code @AuxCounters}) are
 * shown next to its time, with the hit rate when it counts hits and misses; the GC profiler's
 * figures, whose names have a dot, are not counters.
 */
class JmhMarkdownTest {

    private static Result result(String name, double value) {
        return new ScalarResult(name, value, "#", AggregationPolicy.SUM);
    }

    @Test
    void hitsAndMissesGiveTheHitRate() {
        Map<String, Result> secondary = Map.of(
                "misses", result("misses", 98_800),
                "hits", result("hits", 901_200),
                "gc.alloc.rate.norm", result("gc.alloc.rate.norm", 512));
        assertEquals("hits 901,200, misses 98,800 (90.1 % hits)", JmhMarkdown.counters(secondary));
    }

    @Test
    void otherCountersAreListedByName() {
        Map<String, Result> secondary = Map.of("stores", result("stores", 12), "evictions", result("evictions", 3));
        assertEquals("evictions 3.000, stores 12.000", JmhMarkdown.counters(secondary));
    }

    @Test
    void profilerFiguresAreNotCounters() {
        Map<String, Result> secondary = Map.of(
                "gc.alloc.rate", result("gc.alloc.rate", 100),
                "gc.count", result("gc.count", 4));
        assertEquals("", JmhMarkdown.counters(secondary));
    }
}
