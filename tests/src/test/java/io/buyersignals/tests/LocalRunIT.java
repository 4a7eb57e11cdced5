package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local run, as a user starts it: {@code local/run.sh} prints its steps and the signals, serves the
 * Flink Web UI and the inbox preview page (checked in a real browser, {@link InboxPage}), {@code
 * experiment/report.sh} reads its outcomes, and on a stop signal it leaves no process and no temporary directory
 * behind. The test sends SIGTERM,
 * which runs the same shutdown hook as Ctrl-C's SIGINT (a JVM started from a non-interactive shell may ignore
 * SIGINT).
 */
class LocalRunIT {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void runsTheWholePipelineAndStopsEverythingItStarted(@TempDir Path logs) throws Exception {
        Path output = logs.resolve("local-run.log");
        Process run = new ProcessBuilder(
                        "../local/run.sh",
                        "--rate",
                        "40",
                        "--buyers",
                        "8",
                        "--seed",
                        "3",
                        "--web-port",
                        "0",
                        "--inbox-port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            String started =
                    Deadline.await("live signals, an outcome and a dead letter from the local run", WAIT, () -> {
                        assertThat(run.isAlive())
                                .as("the local run is alive; its output:\n%s", read(output))
                                .isTrue();
                        String text = read(output);
                        return text.contains(" live ")
                                        && text.contains("dead letter from")
                                        && text.contains(" outcome ")
                                ? text
                                : null;
                    });
            Path directory = Path.of(find(started, "files in (\\S+),"));
            assertThat(directory).isDirectory();
            String webUi = find(started, "Flink Web UI: (http://\\S+)");
            assertThat(RestApi.get(webUi + "/jobs/overview"))
                    .contains("\"name\":\"buyer-signals\"", "\"state\":\"RUNNING\"");
            try (InboxPage inbox = new InboxPage(
                    find(started, "Inbox preview: (http://127\\.0\\.0\\.1:\\d+/)"),
                    find(started, "Kafka broker.*\\n\\s+(127\\.0\\.0\\.1:\\d+)"))) {
                inbox.showsACartTheSimulatorChanged();
                inbox.showsAnOrderCompletedInItsConversation();
                inbox.showsAHostileTitleAsText();
                assertThat(inbox.priorities()).as("cards by priority").isSortedAccordingTo((a, b) -> b - a);
                String screenshot = System.getProperty("inbox.screenshot");
                if (screenshot != null) {
                    inbox.screenshot(Path.of(screenshot));
                }
            }
            experimentReportReads(find(started, "Kafka broker.*\\n\\s+(127\\.0\\.0\\.1:\\d+)"), logs.resolve("report"));
            List<ProcessHandle> children = run.descendants().toList();
            assertThat(children)
                    .as("the broker and MariaDB run as child processes")
                    .hasSizeGreaterThanOrEqualTo(2);

            run.destroy();
            assertThat(run.waitFor(90, TimeUnit.SECONDS))
                    .as("stopped within 90 s")
                    .isTrue();

            String text = read(output);
            assertThat(text).contains("Stopped: no process left", "Written:", "Received:");
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(directory).doesNotExist();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /** The README's read-out, as a user runs it against the local run's broker. */
    private static void experimentReportReads(String bootstrapServers, Path out) throws Exception {
        Path log = out.resolveSibling("experiment-report.log");
        Process report = new ProcessBuilder(
                        "../experiment/report.sh", "--bootstrap-servers", bootstrapServers, "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(report.waitFor(120, TimeUnit.SECONDS))
                .as("the read-out finishes")
                .isTrue();
        assertThat(report.exitValue()).as("its output:\n%s", read(log)).isZero();
        String markdown = Files.readString(out.resolve("experiment-report.md"), StandardCharsets.UTF_8);
        assertThat(markdown)
                .contains("# Experiment read-out", "read from topic conversation-outcomes at " + bootstrapServers);
        assertThat(Integer.parseInt(find(markdown, "(\\d+) conversation outcomes read")))
                .as("the outcomes the local run has printed so far")
                .isPositive();
        assertThat(out.resolve("experiment-report.png")).isNotEmptyFile();
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("output has %s:\n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
