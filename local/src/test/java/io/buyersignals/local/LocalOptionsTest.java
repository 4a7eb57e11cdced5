package io.buyersignals.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {
    @Test
    void defaultsRunUntilStoppedOnFreePortsWithTheWebUiOn8081() {
        LocalOptions options = LocalOptions.parse(new String[0]);
        assertThat(options.rate()).isEqualTo(20);
        assertThat(options.buyers()).isEqualTo(30);
        assertThat(options.runsUntilStopped()).isTrue();
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.mariadbPort()).isZero();
        assertThat(options.webPort()).isEqualTo(8081);
    }

    @Test
    void everyOptionIsRead() {
        LocalOptions options = LocalOptions.parse(new String[] {"--rate", "2.5", "--buyers", "7", "--duration", "90s",
            "--kafka-port", "19092", "--mariadb-port", "13306", "--web-port", "0", "--seed", "11"});
        assertThat(options).isEqualTo(new LocalOptions(2.5, 7, Duration.ofSeconds(90), 19092, 13306, 0, 11));
    }

    @Test
    void aBadValueIsOneSentenceNamingTheOption() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--rate", "fast"}))
                .hasMessage("--rate must be a number, not 'fast'.");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--buyers", "0"}))
                .hasMessage("--buyers must be a whole number of at least 1, not '0'.");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--duration", "soon"}))
                .hasMessage("--duration must be a duration such as 90s or 5min, not 'soon'.");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--web-port", "70000"}))
                .hasMessage("--web-port must be a port from 0 to 65535, not 70000.");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--speed", "3"}))
                .hasMessage("Unknown option --speed; --help lists the options.");
    }
}
