package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The README documents what the code does: every option with its default, and the DDL as shipped. */
class ReadmeTest {
    private static final Path README = Path.of("../README.md");

    @Test
    void everyOptionIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (ConfigOption<?> option : JobOptions.ALL) {
            String defaultValue = !option.hasDefaultValue()
                    ? null
                    : option.defaultValue() instanceof Duration d
                            ? JobOptions.format(d)
                            : option.defaultValue().toString();
            String row = "| `" + option.key() + "` | " + (defaultValue == null ? "" : "`" + defaultValue + "`");
            assertThat(readme).as(option.key()).contains(row);
        }
    }

    @Test
    void theDdlIsTheOneTheTestsAndTheLocalRunUse() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        try (InputStream in = ReadmeTest.class.getResourceAsStream("/buyer-signals-schema.sql")) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n"))
                    .strip();
            assertThat(readme).contains(ddl);
        }
    }
}
