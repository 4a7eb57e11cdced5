package io.buyersignals.tests;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/** Handling jobs under test. */
final class Jobs {
    private Jobs() {}

    /**
     * Stops the job with a savepoint and returns its path. A job that has just (re)started refuses until all its
     * tasks run, so this retries until the deadline.
     */
    static String stopWithSavepoint(JobClient job, Path directory) {
        return Deadline.await(
                "the job to stop with a savepoint",
                Duration.ofSeconds(90),
                () -> job.stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get());
    }
}
