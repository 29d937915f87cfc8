package io.zyphos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java in the READMEs compiles as written, against the modules it names, so a newcomer who
 * copies it gets a program and the pages cannot rot: the top-level README and every module's, here
 * in the bench module because it depends on all of them. A block that starts with its imports is a
 * whole file; any other block is compiled with the imports of the page's whole files and Zyphos's
 * API packages, beside their classes, as class members if it declares them and as the statements
 * of a method otherwise. The dependency the top-level README names is the one whose classes its
 * example imports.
 */
class ReadmeExamplesTest {

    private static final Path TOP = Path.of("..", "README.md");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile(
            "^(?:@\\w+|(?:public|private|protected|static|final)\\s|record\\s|class\\s|interface\\s|enum\\s).*", Pattern.DOTALL);

    /** What a block that is not a whole file may use without naming its package. */
    private static final String API_PACKAGES = """
            import io.zyphos.http.*;
            import io.zyphos.http.cache.*;
            import io.zyphos.http.files.*;
            import io.zyphos.http.log.*;
            import io.zyphos.http1.*;
            import io.zyphos.http2.*;
            import io.zyphos.http2.frame.*;
            import io.zyphos.http2.hpack.*;
            import io.zyphos.http2.stream.*;
            import io.netty.buffer.ByteBuf;
            import io.netty.buffer.Unpooled;
            import io.zyphos.metrics.*;
            import io.zyphos.server.*;
            import io.zyphos.tls.*;
            import java.io.IOException;
            import java.nio.file.Path;
            """;

    /** One fenced block of Java, and the line of the page its code starts on. */
    record Block(Path page, int line, String code) {

        boolean wholeFile() {
            String first = code.strip();
            return first.startsWith("import ") || first.startsWith("package ");
        }

        @Override
        public String toString() {
            return page.normalize() + ":" + line;
        }
    }

    static List<Block> javaBlocks(Path page) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                for (i = start; !lines.get(i).strip().equals("```"); i++) {
                    code.append(lines.get(i)).append('\n');
                }
                blocks.add(new Block(page, start + 1, code.toString()));
            }
        }
        return blocks;
    }

    /** Every page's blocks: the top-level README's, then each module's. */
    static Stream<Block> blocks() throws IOException {
        List<Block> all = new ArrayList<>(javaBlocks(TOP));
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(".."), "zyphos-*")) {
            List<Path> pages = new ArrayList<>();
            for (Path module : modules) {
                Path page = module.resolve("README.md");
                if (Files.exists(page)) {
                    pages.add(page);
                }
            }
            pages.sort(null);
            for (Path page : pages) {
                all.addAll(javaBlocks(page));
            }
        }
        return all.stream();
    }

    /** The imports the whole files of {@code page} show, for its other blocks. */
    private static String pageImports(Path page) throws IOException {
        Set<String> imports = new LinkedHashSet<>();
        for (Block b : javaBlocks(page)) {
            if (b.wholeFile()) {
                b.code().lines().filter(l -> l.startsWith("import ")).forEach(imports::add);
            }
        }
        return String.join("\n", imports) + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyJavaBlockCompiles(Block block, @TempDir Path out) throws IOException {
        String source;
        String className;
        int offset;
        if (block.wholeFile()) {
            Matcher m = CLASS_NAME.matcher(block.code());
            assertTrue(m.find(), block + ": a whole file declares a class");
            className = m.group(1);
            source = block.code();
            offset = 0;
        } else {
            className = "Snippet";
            String head = pageImports(block.page()) + API_PACKAGES + "class Snippet {\n";
            boolean members = MEMBER.matcher(block.code().strip()).matches();
            if (!members) {
                head += "static void snippet() throws Exception {\n";
            }
            source = head + block.code() + (members ? "" : "}\n") + "}\n";
            offset = (int) head.lines().count();
        }
        if (!block.wholeFile()) {
            // The page's whole files first, so that a block may use their classes too.
            for (Block whole : javaBlocks(block.page())) {
                if (whole.wholeFile()) {
                    Matcher m = CLASS_NAME.matcher(whole.code());
                    assertTrue(m.find(), whole + ": a whole file declares a class");
                    assertEquals(List.of(), compile(m.group(1), whole.code(), out).stream().map(d -> d.getMessage(Locale.ROOT)).toList(),
                            whole + " does not compile");
                }
            }
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compile(className, source, out)) {
            long line = block.line() + d.getLineNumber() - 1 - offset;
            errors.add(block.page().normalize() + ":" + line + ": " + d.getMessage(Locale.ROOT));
        }
        assertEquals(List.of(), errors, block + " does not compile as written:\n" + source);
    }

    /** Compiles one file into {@code out}; returns the errors and warnings. */
    private static List<Diagnostic<? extends JavaFileObject>> compile(String className, String source, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = System.getProperty("java.class.path") + File.pathSeparator + out;
        List<String> options = List.of("-classpath", classPath, "-d", out.toString(), "-proc:none", "-Xlint:all");
        javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE).toList();
    }

    @Test
    void theTopLevelReadmeHasAWholeProgramAndNamesTheArtifactItImports() throws IOException, URISyntaxException {
        List<Block> whole = javaBlocks(TOP).stream().filter(Block::wholeFile).toList();
        assertFalse(whole.isEmpty(), "the top-level README shows a whole program, imports and all");
        String readme = Files.readString(TOP);
        Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(readme);
        assertTrue(artifact.find(), "the README names the dependency to add");
        String named = artifact.group(1);
        Set<String> provides = new LinkedHashSet<>(List.of(named));
        Matcher deps = Pattern.compile("<artifactId>(zyphos-[^<]+)</artifactId>")
                .matcher(Files.readString(Path.of("..", named, "pom.xml")));
        while (deps.find()) {
            provides.add(deps.group(1));
        }
        for (Block b : whole) {
            for (String line : b.code().lines().filter(l -> l.startsWith("import io.zyphos.")).toList()) {
                String type = line.substring("import ".length(), line.length() - 1);
                String module = moduleOf(type);
                assertTrue(provides.contains(module), b + ": " + type + " is in " + module + ", which "
                        + named + " does not bring; name " + module + " instead");
            }
        }
        assertTrue(readme.contains("JDK 25"), "the README says which JDK an application needs");
    }

    /** The artifact a class comes from. */
    private static String moduleOf(String type) throws URISyntaxException {
        try {
            // zyphos-sockets/target/classes in a reactor build, .../zyphos-sockets/VERSION/x.jar from a repository
            Path classes = Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getFileName().toString();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the README imports " + type + ", which does not exist", e);
        }
    }
}
