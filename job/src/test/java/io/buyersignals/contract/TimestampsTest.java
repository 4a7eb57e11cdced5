package io.buyersignals.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written timestamp reader and writer agree with java.time on every input, valid or not. */
class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesAndReadsEveryMillisecondLikeJavaTime() {
        Random random = new Random(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long millis = from + (long) (random.nextDouble() * (to - from));
            String text = Timestamps.format(millis);
            assertThat(text).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
            assertThat(Timestamps.parse(text)).isEqualTo(millis);
        }
        assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-22T10:15:30Z",
                "2026-11-22T10:15:30.1Z",
                "2026-11-22T10:15:30.12Z",
                "2026-11-22T10:15:30.123456789Z",
                "2024-02-29T23:59:59.999Z",
                "2000-01-01T00:00:00.000Z",
                "2026-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-11-22T24:00:00Z",
                "2026-11-22T10:60:00Z",
                "2026-11-22T10:15:60Z",
                "2026-11-22T10:15:30.Z",
                "2026-11-22T10:15:30.1234567890Z",
                "2026-11-22T10:15:30+01:00",
                "2026-11-22t10:15:30z",
                "2026-11-22 10:15:30Z",
                "+12026-11-22T10:15:30Z",
                "2026-1-22T10:15:30.000Z",
                "2026-11-22T10:15:3a.000Z",
                "2026-11-22T10:15:30.00aZ",
                "",
                "2026"
            })
    void readsWhatInstantParseReadsAndRejectsWhatItRejects(String text) {
        String expected;
        try {
            expected = Long.toString(Instant.parse(text).toEpochMilli());
        } catch (RuntimeException e) {
            expected = "rejected";
        }
        String actual;
        try {
            actual = Long.toString(Timestamps.parse(text));
        } catch (RuntimeException e) {
            actual = "rejected";
        }
        assertThat(actual).isEqualTo(expected);
    }
}
