package io.buyersignals.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How far a job has read its input, from the offsets its Kafka source commits at every checkpoint: sampled with the
 * process CPU time, so the steady-state rate can be taken between two points away from start-up and drain.
 */
final class OffsetProgress implements AutoCloseable {
    private record Sample(long millis, long offsets, double cpuSeconds) {}

    private final Admin admin;
    private final String group;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    OffsetProgress(String bootstrapServers, String group) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        thread = new Thread(this::sample, "offset-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                long total = 0;
                for (OffsetAndMetadata offset : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS).values()) {
                    total += offset == null ? 0 : offset.offset();
                }
                synchronized (this) {
                    samples.add(new Sample(System.currentTimeMillis(), total, BenchCluster.cpuSeconds()));
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception notYet) {
                // the group has not committed yet
            }
        }
    }

    /** Records read per second between reading {@code from} and {@code to} of {@code total} records; and CPU. */
    synchronized double[] rateBetween(long total, double from, double to) {
        Sample first = firstReaching((long) (total * from));
        Sample last = firstReaching((long) (total * to));
        if (first == null || last == null || last.millis() <= first.millis()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double seconds = (last.millis() - first.millis()) / 1000.0;
        return new double[] {(last.offsets() - first.offsets()) / seconds,
            (last.cpuSeconds() - first.cpuSeconds()) / seconds};
    }

    /** Waits until the job has committed reading {@code share} of {@code total} records. */
    void awaitShare(long total, double share, java.time.Duration timeout) {
        io.buyersignals.local.Deadline.await(share * 100 + " % of the input read", timeout, () -> {
            synchronized (this) {
                return firstReaching((long) (total * share)) != null;
            }
        });
    }

    private Sample firstReaching(long offsets) {
        for (Sample sample : samples) {
            if (sample.offsets() >= offsets) {
                return sample;
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        admin.close();
    }
}
