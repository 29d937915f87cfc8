package io.zyphos.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which cores the server and the load generator run on. With two or more cores and taskset
 * installed, the server gets cpu 0 and the generator cpu 1, so neither steals the other's time
 * and the server's CPU seconds are its own; otherwise both float and the report says so.
 */
record Pinning(List<String> server, List<String> generator, String description) {

    static Pinning choose(int cores) {
        boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
        if (cores >= 2 && taskset) {
            return new Pinning(List.of("taskset", "-c", "0"), List.of("taskset", "-c", "1"),
                    "server pinned to cpu 0, load generator to cpu 1 (taskset)");
        }
        String why = cores < 2 ? "only " + cores + " core" : "taskset is not installed";
        return new Pinning(List.of(), List.of(), "not pinned (" + why + "): server and load generator share the cores");
    }
}
