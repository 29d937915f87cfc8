package io.zyphos.bench.jmh;

import io.zyphos.bench.Machine;
import io.zyphos.bench.Options;
import io.zyphos.bench.Results;
import io.zyphos.bench.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code zyphos bench jmh MODULE [regex] [--quick|--serious]}: runs the JMH benchmarks of one
 * module, those in package {@code io.zyphos.bench.MODULE}, with the GC profiler (allocation per
 * operation is half of what these benchmarks are about), and writes the JMH JSON and a Markdown
 * summary to {@code zyphos-bench/results/jmh-MODULE-DATE.json} and {@code .md}.
 *
 * <p>The benchmark threads are Netty {@code FastThreadLocalThread}s ({@link FastThreadLocalExecutor}),
 * the kind of thread Zyphos runs its engines on (the NIO loops): Netty's pooled allocator and
 * recycler behave there as they do in the server. A {@code -Djmh.executor=...} in
 * {@code ZYPHOS_JAVA_OPTS} chooses other threads instead.
 */
public final class JmhCommand {

    public static final String USAGE = "jmh MODULE [regex] [--quick|--serious]";

    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9]*");
    /** The system property JMH chooses its benchmark threads by. */
    private static final String EXECUTOR = "jmh.executor";

    private JmhCommand() {}

    public static void run(String[] args) throws IOException, RunnerException {
        Options options = Options.parse(args, Set.of("quick", "serious"), Set.of());
        if (options.positional().isEmpty() || options.positional().size() > 2) {
            throw new UsageException("bench jmh needs a module (sockets, http1, http, ...) and at most one regex");
        }
        if (options.flag("quick") && options.flag("serious")) {
            throw new UsageException("choose --quick or --serious, not both");
        }
        String module = options.positional().getFirst();
        if (!MODULE.matcher(module).matches()) {
            throw new UsageException("not a module name: \"" + module + "\"");
        }
        String regex = options.positional().size() == 2 ? options.positional().get(1) : null;
        JmhProfile profile = options.flag("serious") ? JmhProfile.SERIOUS : JmhProfile.QUICK;

        String include = "^" + Pattern.quote("io.zyphos.bench." + module + ".");
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new UsageException("not a regular expression: " + regex);
            }
            include += ".*(?:" + regex + ")";
        }

        String base = "jmh-" + module + "-" + Results.stamp();
        Path dir = Results.directory();
        Path json = dir.resolve(base + ".json");
        Path markdown = dir.resolve(base + ".md");

        boolean fastThreadLocal = System.getProperty(EXECUTOR) == null;
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(include)
                .forks(profile.forks())
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.seconds(profile.warmupSeconds()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.seconds(profile.measurementSeconds()))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true);
        if (fastThreadLocal) {
            // Read by JMH in the forked JVM; prepended so each benchmark's own @Fork(jvmArgsAppend) stays.
            builder.jvmArgsPrepend("-D" + EXECUTOR + "=CUSTOM", "-D" + EXECUTOR + ".class=" + FastThreadLocalExecutor.class.getName());
        }
        org.openjdk.jmh.runner.options.Options jmh = builder.build();

        Collection<RunResult> results;
        try {
            results = new Runner(jmh).run();
        } catch (NoBenchmarksException e) {
            Files.deleteIfExists(json);
            throw new UsageException("no JMH benchmark in package io.zyphos.bench." + module
                    + (regex == null ? "" : " matching " + regex));
        }

        String command = Results.command("bench jmh " + module + (regex == null ? "" : " '" + regex + "'")
                + (profile == JmhProfile.SERIOUS ? " --serious" : " --quick"));
        String threads = fastThreadLocal
                ? "Netty FastThreadLocalThreads (`" + FastThreadLocalExecutor.class.getName() + "`)"
                : "JMH's executor `" + System.getProperty(EXECUTOR) + "`";
        String summary = JmhMarkdown.render(command, profile, threads, Machine.current(), results);
        Files.writeString(markdown, summary);
        System.out.println();
        System.out.print(summary);
        System.out.println();
        System.out.println("zyphos: wrote " + json + " and " + markdown);
    }
}
