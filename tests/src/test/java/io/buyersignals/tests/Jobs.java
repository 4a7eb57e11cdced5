package io.buyersignals.tests;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
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
        return Deadline.await("the job to stop with a savepoint", Duration.ofSeconds(90), () -> {
            String savepoint = job.stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
            awaitEnd(job);
            return savepoint;
        });
    }

    /**
     * Cancels the job when closed. Use it in try-with-resources: a job that ended by itself (failed after its last
     * restart) then says why, as a suppressed exception beside the test's own failure instead of hiding it.
     */
    static AutoCloseable cancelOnClose(JobClient job) {
        return () -> cancel(job);
    }

    /** Cancels the job and waits until it has ended; if it had ended by itself, fails with the reason it ended. */
    static void cancel(JobClient job) throws Exception {
        Throwable failure = stop(job);
        JobStatus status = job.getJobStatus().get();
        if (status != JobStatus.CANCELED) {
            throw new AssertionError("The job ended by itself, " + status + ", before the test cancelled it", failure);
        }
    }

    /**
     * Cancels the job unless it has ended already, and waits until it has ended, however it ends; returns why it did
     * not finish (its cancellation or failure), or null.
     */
    static Throwable stop(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            try {
                job.cancel().get();
            } catch (ExecutionException e) {
                if (!job.getJobStatus().get().isGloballyTerminalState()) {
                    throw e;
                }
            }
        }
        return awaitEnd(job);
    }

    /**
     * Waits until the job has ended, not just until it accepted the cancellation, and returns why it did not finish
     * (its cancellation or failure), or null. Flink CDC 3.5.0 closes every MySQL connection pool of the JVM when a
     * MySQL source's split enumerator closes, so a job still shutting down breaks the snapshot of the next job
     * started in the same cluster (it failed three times in a row and the test with it, as `docs/operations.md`
     * explains).
     */
    static Throwable awaitEnd(JobClient job) throws InterruptedException, TimeoutException {
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException endedOtherwise) {
            return endedOtherwise.getCause();
        }
    }
}
