package io.buyersignals.bench;

import java.time.Instant;
import java.util.Arrays;

/** End-to-end latencies in milliseconds, from an event's time to its signal being visible; only after a warm-up. */
final class LatencyRecorder {
    private final long measureFrom;
    private long[] samples = new long[1024];
    private int size;
    private long firstVisibleAt;

    LatencyRecorder(long measureFromMillis) {
        this.measureFrom = measureFromMillis;
    }

    synchronized void record(String occurredAt, long visibleAt) {
        long eventTime = Instant.parse(occurredAt).toEpochMilli();
        if (eventTime < measureFrom) {
            return;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = visibleAt - eventTime;
        if (firstVisibleAt == 0) {
            firstVisibleAt = visibleAt;
        }
    }

    /** When the first signal of an event after the start of measuring became visible; 0 if none yet. */
    synchronized long firstVisibleAt() {
        return firstVisibleAt;
    }

    /** The sorted samples. */
    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(samples, size);
        Arrays.sort(copy);
        return copy;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
