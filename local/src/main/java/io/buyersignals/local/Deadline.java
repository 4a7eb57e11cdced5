package io.buyersignals.local;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition, polling, until a deadline: the only way tests and the local run wait for anything. */
public final class Deadline {
    private Deadline() {}

    /** Returns the first non-null, non-false result of {@code probe}; fails with {@code what} at the deadline. */
    public static <T> T await(String what, Duration timeout, Callable<T> probe) {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T result = probe.call();
                if (result != null && !Boolean.FALSE.equals(result)) {
                    return result;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                IllegalStateException failure = new IllegalStateException("Timed out after " + timeout + " waiting for "
                        + what);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
