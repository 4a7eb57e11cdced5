package io.buyersignals.tests;

import io.buyersignals.testkit.Directories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: writes the savepoint of a release into src/test/resources/savepoints/RELEASE, for
 * {@link SavepointMigrationIT} to restore in every later build. Run it through tests/regenerate-savepoint.sh.
 */
@ExtendWith(Infrastructure.class)
@EnabledIfSystemProperty(named = "savepoint.release", matches = ".+")
class SavepointFixtureIT {
    static final Path SAVEPOINTS = Path.of("src/test/resources/savepoints");

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void writeTheSavepointOfThisRelease(@TempDir Path taken) throws Exception {
        String release = System.getProperty("savepoint.release");
        JobUnderTest run = JobUnderTest.create(5780, Workload.DATA_DRIVEN_EVENT_TIME);
        try (Connection db = run.connect();
                KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            SavepointScenario scenario = new SavepointScenario(run, producer);
            scenario.shops(db);
            JobClient job = run.start();
            scenario.awaitShopsLoaded();
            scenario.before(db);
            KafkaTopics.readCommitted(run.signals, Duration.ofSeconds(120), records -> records.size() >= 4);
            Path savepoint = Path.of(java.net.URI.create(Jobs.stopWithSavepoint(job, taken)));

            Path target = SAVEPOINTS.resolve(release);
            Directories.deleteRecursively(target);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.walk(savepoint)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(savepoint.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
            Files.writeString(
                    target.resolve("NOTE.md"),
                    String.join(
                            "\n",
                            "# Savepoint of release " + release,
                            "",
                            "Taken on " + LocalDate.now() + " with Flink " + EnvironmentInformation.getVersion()
                                    + " by tests/regenerate-savepoint.sh (SavepointFixtureIT), from the production job at",
                            "parallelism 2 holding the buyers of SavepointScenario#before. Restored by SavepointMigrationIT.",
                            ""),
                    StandardCharsets.UTF_8);
        }
    }
}
