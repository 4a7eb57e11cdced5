package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The job jar's command lines: every mistake is one sentence naming the option; --help everywhere. */
class MainTest {
    @Test
    void replayNamesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> Main.run(new String[] {"replay", "--output", "x.jsonl"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("Missing required option: '--input=DIR' (--help lists the options)");
        assertThatThrownBy(() -> Main.run(
                        new String[] {"replay", "--input", "sample", "--output", "x", "--out-of-orderness", "soon"}))
                .hasMessage("Invalid value for option '--out-of-orderness': 'soon' is not a duration such as 500ms, "
                        + "90s or 5min (--help lists the options)");
        assertThatThrownBy(() ->
                        Main.run(new String[] {"replay", "--input", "sample", "--output", "x", "--parallelism", "0"}))
                .hasMessage("--parallelism must be at least 1, not 0.");
    }

    @Test
    void anUnknownOrMisspeltOptionIsNamed() {
        assertThatThrownBy(() -> Main.run(new String[] {"replay", "--input", "sample", "--ouptut", "x"}))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Unknown option: '--ouptut'");
        assertThatThrownBy(() -> Main.run(new String[] {"run", "--kafka.bootstrap-server", "k:9092"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("Unknown option kafka.bootstrap-server; `run --help` lists the job's options.");
        assertThatThrownBy(() -> Main.run(new String[] {"replay2"}))
                .hasMessage("Unknown command 'replay2'; the commands are: run, replay.");
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        assertThat(output("--help")).contains("Usage: buyer-signals <command>");
        assertThat(output("run", "--help")).contains("kafka.bootstrap-servers", "BUYER_SIGNALS_MYSQL_PASSWORD");
        assertThat(output("replay", "--help")).contains("--input=DIR", "--out-of-orderness=DURATION");
    }

    private static String output(String... args) throws Exception {
        PrintStream standard = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Main.run(args);
        } finally {
            System.setOut(standard);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
