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
 * CPU time of the process and of each thread, so the steady-state rate and its cost can be taken between two points
 * away from start-up and drain.
 */
final class OffsetProgress implements AutoCloseable {
    private record Sample(long millis, long offsets, Map<String, Long> threadCpu) {}

    /** Records read per second, cores used by the job (not the benchmark's own threads), CPU µs per record read. */
    record Rate(double recordsPerSecond, double cores, Map<String, Double> cpuPerRecord) {}

    private final Admin admin;
    private final String group;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    OffsetProgress(String bootstrapServers, String group) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        thread = new Thread(this::sample, ThreadCpu.HARNESS + "offset-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                long total = 0;
                for (OffsetAndMetadata offset : admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS)
                        .values()) {
                    total += offset == null ? 0 : offset.offset();
                }
                synchronized (this) {
                    samples.add(new Sample(System.currentTimeMillis(), total, ThreadCpu.snapshot()));
                }
                // Reading every thread's CPU time costs about 1 µs per thread: four times a second is enough.
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception notYet) {
                // the group has not committed yet
            }
        }
    }

    /** The rate between reading {@code from} and {@code to} of {@code total} records. */
    synchronized Rate rateBetween(long total, double from, double to) {
        Sample first = firstReaching((long) (total * from));
        Sample last = firstReaching((long) (total * to));
        if (first == null || last == null || last.millis() <= first.millis()) {
            return new Rate(Double.NaN, Double.NaN, Map.of());
        }
        double seconds = (last.millis() - first.millis()) / 1000.0;
        long records = last.offsets() - first.offsets();
        Map<String, Double> perRecord = ThreadCpu.microsPerEvent(first.threadCpu(), last.threadCpu(), records);
        double harnessSeconds = ThreadCpu.harness(perRecord) * records / 1e6;
        double processSeconds =
                ThreadCpu.processSeconds(last.threadCpu()) - ThreadCpu.processSeconds(first.threadCpu());
        return new Rate(records / seconds, (processSeconds - harnessSeconds) / seconds, perRecord);
    }

    /** Waits until the job has committed reading {@code share} of {@code total} records. */
    void awaitShare(long total, double share, java.time.Duration timeout) {
        io.buyersignals.testkit.Deadline.await(share * 100 + " % of the input read", timeout, () -> {
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
