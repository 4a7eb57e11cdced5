package io.buyersignals.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How the tests, the local run and the benchmark wait for anything: Awaitility, polling on the caller's thread (the
 * probes use Kafka consumers, which must stay on one thread), with the failure said in one sentence.
 */
public final class Deadline {
    private static final Duration POLL = Duration.ofMillis(50);

    private Deadline() {}

    /**
     * Returns the first result of {@code probe} that is neither null nor false, retrying when it throws; fails with
     * {@code what} at the deadline.
     */
    public static <T> T await(String what, Duration timeout, Callable<T> probe) {
        try {
            return Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .pollInSameThread()
                    .ignoreExceptions()
                    .until(probe, result -> result != null && !Boolean.FALSE.equals(result));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what, e);
        }
    }
}
