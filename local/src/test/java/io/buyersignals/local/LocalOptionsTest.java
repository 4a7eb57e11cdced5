package io.buyersignals.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.job.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true);

    @Test
    void defaultsRunUntilStoppedOnFreePortsWithTheWebUiOn8081() {
        LocalOptions options = parse();
        assertThat(options.rate()).isEqualTo(20);
        assertThat(options.buyers()).isEqualTo(30);
        assertThat(options.runsUntilStopped()).isTrue();
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.mariadbPort()).isZero();
    }

    @Test
    void everyOptionIsRead() {
        LocalOptions options = parse(
                "--rate",
                "2.5",
                "--buyers",
                "7",
                "--duration",
                "90s",
                "--kafka-port",
                "0",
                "--mariadb-port",
                "0",
                "--web-port",
                "0",
                "--seed",
                "11");
        assertThat(options.rate()).isEqualTo(2.5);
        assertThat(options.buyers()).isEqualTo(7);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.webPort()).isZero();
        assertThat(options.seed()).isEqualTo(11);
    }

    @Test
    void aBadValueIsOneSentenceNamingTheOption() {
        assertThatThrownBy(() -> parse("--rate", "fast"))
                .isInstanceOf(UsageException.class)
                .hasMessage("Invalid value for option '--rate': 'fast' is not a double (--help lists the options)");
        assertThatThrownBy(() -> parse("--buyers", "0")).hasMessage("--buyers must be at least 1, not 0.");
        assertThatThrownBy(() -> parse("--duration", "soon"))
                .hasMessage("Invalid value for option '--duration': "
                        + "'soon' is not a duration such as 500ms, 90s or 5min (--help lists the options)");
        assertThatThrownBy(() -> parse("--web-port", "70000"))
                .hasMessage("--web-port must be a port from 0 to 65535, not 70000.");
        assertThatThrownBy(() -> parse("--speed", "3")).hasMessageStartingWith("Unknown option: '--speed'");
    }

    @Test
    void aTakenWebPortIsNamedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> parse("--web-port", Integer.toString(port)))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("Port " + port
                            + " for the Flink Web UI is taken; choose another with --web-port (0 picks a free one).");
        }
    }

    @Test
    void helpIsPrintedInsteadOfRunning() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(LocalOptions.parse(new String[] {"--help"}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isNull();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--web-port=P", "--duration=D");
    }

    private static LocalOptions parse(String... args) {
        return LocalOptions.parse(args, NOWHERE);
    }
}
