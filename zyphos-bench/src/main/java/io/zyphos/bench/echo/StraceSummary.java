package io.zyphos.bench.echo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The table {@code strace -c} prints on detaching: calls per system call and in total.
 *
 * <pre>
 * % time     seconds  usecs/call     calls    errors syscall
 * ------ ----------- ----------- --------- --------- ----------------
 *  89.06    0.362101         297      1217        95 futex
 *   2.13    0.008643           8      1000           write
 * ------ ----------- ----------- --------- --------- ----------------
 * 100.00    0.406580          82      4906        99 total
 * </pre>
 *
 * The calls column is the fourth; the errors column may be blank, so the name is always last.
 */
record StraceSummary(long totalCalls, List<Syscall> syscalls) {

    record Syscall(String name, long calls) {}

    static StraceSummary parse(List<String> lines) {
        long total = -1;
        List<Syscall> calls = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || !isNumber(f[0]) || !isNumber(f[3])) {
                continue;
            }
            String name = f[f.length - 1];
            long n = Long.parseLong(f[3]);
            if (name.equals("total")) {
                total = n;
            } else {
                calls.add(new Syscall(name, n));
            }
        }
        if (total < 0) {
            throw new IllegalArgumentException("no total line in the strace summary");
        }
        calls.sort(Comparator.comparingLong(Syscall::calls).reversed());
        return new StraceSummary(total, List.copyOf(calls));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
