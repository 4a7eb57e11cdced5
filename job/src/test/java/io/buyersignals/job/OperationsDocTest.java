package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md says what the code does: its options table is generated from {@link JobOptions} (keys, defaults
 * and descriptions word for word; {@code -Ddocs.write=true} rewrites it), and its DDL is the one the tests and the
 * local run create.
 */
class OperationsDocTest {
    private static final Path OPERATIONS = Path.of("../docs/operations.md");
    private static final String START = "<!-- options:start";
    private static final String END = "<!-- options:end -->";

    @Test
    void theOptionsTableIsJobOptions() throws Exception {
        String doc = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        int start = doc.indexOf('\n', doc.indexOf(START)) + 1;
        int end = doc.indexOf(END);
        assertThat(start).as("the options markers in %s", OPERATIONS).isPositive();
        if (Boolean.getBoolean("docs.write")) {
            doc = doc.substring(0, start) + JobOptions.markdownTable() + doc.substring(end);
            Files.writeString(OPERATIONS, doc, StandardCharsets.UTF_8);
            end = doc.indexOf(END);
        }
        assertThat(doc.substring(start, end))
                .as("the options table (rewrite it with -Ddocs.write=true)")
                .isEqualTo(JobOptions.markdownTable());
    }

    @Test
    void theDdlIsTheOneTheTestsAndTheLocalRunUse() throws Exception {
        String doc = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        try (InputStream in = OperationsDocTest.class.getResourceAsStream("/buyer-signals-schema.sql")) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n"))
                    .strip();
            assertThat(doc).contains(ddl);
        }
    }
}
