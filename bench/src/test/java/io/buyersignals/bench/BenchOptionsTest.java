package io.buyersignals.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.job.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's command line, not the benchmark: a misspelt section or flag stops it before anything runs. */
class BenchOptionsTest {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true);

    @Test
    void defaultsAndQuick() {
        BenchOptions full = BenchOptions.parse(new String[0], NOWHERE);
        assertThat(full.events()).isEqualTo(1_000_000);
        assertThat(full.only()).isEqualTo("all");
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--events", "1000"}, NOWHERE);
        assertThat(quick.events()).isEqualTo(1_000);
        assertThat(quick.buyers()).isEqualTo(2_000);
        assertThat(BenchOptions.parse(new String[] {"--job-options", "a=1,b=2"}, NOWHERE)
                        .jobOptions())
                .isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void aMisspeltSectionOrFlagIsOneSentenceNamingIt() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "jb"}, NOWHERE))
                .isInstanceOf(UsageException.class)
                .hasMessage("--only must be one of all, throughput, scaling, live, state, cdc, jmh, job, not 'jb'.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--evnets", "5"}, NOWHERE))
                .hasMessageStartingWith("Unknown option: '--evnets'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "0"}, NOWHERE))
                .hasMessage("--events must be at least 1, not 0.");
    }

    @Test
    void helpIsPrintedInsteadOfRunning() {
        assertThat(BenchOptions.parse(new String[] {"--help"}, NOWHERE)).isNull();
    }
}
