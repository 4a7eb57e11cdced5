package io.buyersignals.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The job jar as the next release will build it once its buyer state gains a field (as the features after release
 * 0.2.0 do): today's sources of the buyer state and its serializer, with a field added, the format bumped to the
 * next number and the new format written and read, compiled and put in place of today's classes in a copy of the
 * shaded jar. Each change is made at a named place in the source; if the source has moved on, this fails saying
 * where, rather than building something else.
 */
final class NextFormatBuild {
    private static final Path SOURCES = Path.of("../job/src/main/java");
    private static final String STATE = "io/buyersignals/rules/BuyerState.java";
    private static final String FORMAT = "io/buyersignals/serde/BuyerStateFormat.java";
    private static final String SERIALIZER = "io/buyersignals/serde/BuyerStateSerializer.java";

    /** Per source file: the text to find, and what it becomes ({@code NEXT}: the next format's number). */
    private static final Map<String, List<String[]>> CHANGES = Map.of(
            STATE,
                    List.<String[]>of(new String[] {
                        "    public long flushTimer = Long.MAX_VALUE;\n",
                        "    public long flushTimer = Long.MAX_VALUE;\n    /** Added by the next format. */\n"
                                + "    public String addedInTheNextFormat = \"not in the savepoint\";\n"
                    }),
            SERIALIZER,
                    List.<String[]>of(new String[] {
                        "public static final int FORMAT = " + today() + ";", "public static final int FORMAT = NEXT;"
                    }),
            FORMAT,
                    List.of(
                            new String[] {
                                "        out.writeLong(state.flushTimer);\n    }",
                                "        out.writeLong(state.flushTimer);\n        writeString(state.addedInTheNextFormat, out);\n"
                                        + "    }"
                            },
                            new String[] {
                                "        state.flushTimer = in.readLong();\n        return state;",
                                "        state.flushTimer = in.readLong();\n        if (format >= NEXT) {\n"
                                        + "            state.addedInTheNextFormat = readString(in);\n        }\n"
                                        + "        return state;"
                            }));

    private NextFormatBuild() {}

    /** The format today's build writes. */
    static int today() {
        return io.buyersignals.serde.BuyerStateSerializer.FORMAT;
    }

    /** Builds the next release's jar from {@code jar} (today's shaded job jar) into {@code directory}. */
    static Path build(Path jar, Path directory) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> file : CHANGES.entrySet()) {
            String text = Files.readString(SOURCES.resolve(file.getKey()), StandardCharsets.UTF_8);
            for (String[] change : file.getValue()) {
                if (!text.contains(change[0])) {
                    throw new IllegalStateException(file.getKey() + " no longer contains the place the next format "
                            + "changes (" + change[0].strip() + "): update NextFormatBuild to today's source");
                }
                text = text.replace(change[0], change[1].replace("NEXT", Integer.toString(today() + 1)));
            }
            Path source = sources.resolve(file.getKey());
            Files.createDirectories(source.getParent());
            Files.writeString(source, text, StandardCharsets.UTF_8);
            files.add(source.toString());
        }
        compile(files, jar, classes);
        Path next = directory.resolve("buyer-signals-job-next-format.jar");
        replaceClasses(jar, classes, next);
        return next;
    }

    private static void compile(List<String> files, Path jar, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "17",
                "-nowarn",
                "-d",
                classes.toString(),
                "-cp",
                jar + java.io.File.pathSeparator + System.getProperty("java.class.path")));
        arguments.addAll(files);
        int status = javac.run(null, null, null, arguments.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("Compiling the next format's sources failed (" + status + ")");
        }
    }

    /** A copy of the jar with the compiled classes in place of today's ones (and nothing else changed). */
    private static void replaceClasses(Path jar, Path classes, Path target) throws IOException {
        List<Path> compiled;
        try (Stream<Path> found = Files.walk(classes)) {
            compiled = found.filter(Files::isRegularFile).toList();
        }
        List<String> replaced = compiled.stream()
                .map(c -> classes.relativize(c).toString().replace('\\', '/'))
                .toList();
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (replaced.contains(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
            for (int i = 0; i < compiled.size(); i++) {
                out.putNextEntry(new JarEntry(replaced.get(i)));
                Files.copy(compiled.get(i), out);
                out.closeEntry();
            }
        }
    }
}
