package io.buyersignals.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.JobOptions;
import io.buyersignals.job.JobSettings;
import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.EmbeddedJob;
import io.buyersignals.testkit.EmbeddedMariaDb;
import io.buyersignals.testkit.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The runs of one benchmark, against one Kafka broker and one MariaDB. */
final class BenchRuns {
    /** The 5,000,000-buyer run, its state larger than the block cache, took 17 minutes on 2026-12-03. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(45);
    /** The end marker's signal can be out while another subtask still works through its backlog. */
    private static final Duration SIGNALS_AFTER_END = Duration.ofMinutes(2);

    /**
     * What a throughput run measured: the sustained rate (input records read per second between 20 % and 90 % of
     * the input, from the offsets the source commits), the cores the job used meanwhile (this JVM less the
     * benchmark's own threads), the whole run from the job's start to its last output, start-up and drain included,
     * and the CPU microseconds per input record by thread group over the same stretch.
     */
    record Throughput(
            double eventsPerSecond,
            double coresUsed,
            long events,
            double totalSeconds,
            JsonNode checkpoints,
            long blockCacheBytes,
            Map<String, Double> cpuPerRecord) {
        double eventsPerSecondPerCore() {
            return eventsPerSecond / coresUsed;
        }

        /** The last completed checkpoint's full size: with incremental RocksDB checkpoints, all of the state. */
        long stateBytes() {
            return checkpoints.at("/latest/completed/state_size").asLong();
        }

        /** @param blockCacheBytes the RocksDB block cache's size, 0 for a job without RocksDB state */
        static Throughput of(
                OffsetProgress progress,
                long records,
                long events,
                double totalSeconds,
                JsonNode checkpoints,
                long blockCacheBytes) {
            OffsetProgress.Rate rate = progress.rateBetween(records, 0.2, 0.9);
            return new Throughput(
                    rate.recordsPerSecond(),
                    rate.cores(),
                    events,
                    totalSeconds,
                    checkpoints,
                    blockCacheBytes,
                    rate.cpuPerRecord());
        }
    }

    /** Input topics and the database a workload was written to. */
    record Input(String cartTopic, String chatTopic, String database, BenchWorkload.Written written) {
        Input with(BenchWorkload.Written written) {
            return new Input(cartTopic, chatTopic, database, written);
        }
    }

    private final KafkaBroker kafka;
    private final EmbeddedMariaDb mariaDb;
    private final int parallelism;
    private final java.nio.file.Path checkpoints;
    /** From --job-options: applied to every run, before the run's own settings. */
    private final Map<String, String> jobOptions;

    private int runs;
    /** Off during warm-up runs, whose figures are never reported. */
    private boolean measuring = true;

    BenchRuns(
            KafkaBroker kafka,
            EmbeddedMariaDb mariaDb,
            int parallelism,
            java.nio.file.Path checkpoints,
            Map<String, String> jobOptions) {
        this.kafka = kafka;
        this.mariaDb = mariaDb;
        this.parallelism = parallelism;
        this.checkpoints = checkpoints;
        this.jobOptions = jobOptions;
    }

    Input input(String name) throws Exception {
        mariaDb.createDatabase(name);
        kafka.createTopics(parallelism, name + "-cart-events", name + "-chat-events");
        return new Input(name + "-cart-events", name + "-chat-events", name, null);
    }

    /** The production job over a pre-loaded input, until the end marker's signal is visible. */
    Throughput job(Input input, Map<String, String> changes) throws Exception {
        JobSettings settings = settings(input, changes);
        String signals = settings.get(JobOptions.TOPIC_SIGNALS);
        try (BenchCluster cluster = new BenchCluster(settings.flinkConfiguration(), parallelism);
                OutputProbe probe = new OutputProbe(kafka.bootstrapServers(), signals, "conv-end", null);
                OffsetProgress progress =
                        new OffsetProgress(kafka.bootstrapServers(), settings.get(JobOptions.KAFKA_GROUP_ID))) {
            cluster.run(settings.flinkConfiguration(), env -> BuyerSignalsJob.build(env, settings), signals);
            Instant start = Instant.now();
            progress.awaitShare(input.written().kafkaRecords(), 0.5, RUN_LIMIT);
            System.out.print("  Tasks half-way (busy / back-pressured, ms per s):\n" + cluster.busyTimes());
            Instant end = probe.awaitKey(RUN_LIMIT);
            expectSignals(probe, input.written().rules(), cluster);
            return Throughput.of(
                    progress,
                    input.written().kafkaRecords(),
                    input.written().events(),
                    seconds(start, end),
                    cluster.checkpoints(),
                    settings.get(JobOptions.STATE_BACKEND).equals("rocksdb") ? cluster.blockCacheBytes() : 0);
        }
    }

    /**
     * A run that sends other signals than the rules do measured a different job (one once sent none at all and ran
     * three times as fast): it fails instead of being reported. The end marker comes last, so once it is out the
     * rest is committed or about to be.
     */
    private void expectSignals(OutputProbe probe, BenchReference.Outputs rules, BenchCluster cluster) throws Exception {
        long expected = rules.signals();
        try {
            Deadline.await(expected + " signals", SIGNALS_AFTER_END, () -> probe.count() >= expected);
        } catch (IllegalStateException tooFew) {
            // said below, with the count
        }
        String counts = cluster.timelineCounts();
        System.out.println("  Buyer timeline: " + counts);
        if (probe.count() != expected) {
            String mismatch = "The job sent " + probe.count() + " signals where the rules send " + expected
                    + " for the same input (per conversation, job vs rules: " + differences(probe, rules) + ")";
            if (!measuring) {
                System.out.println("  " + mismatch + " (a warm-up run, not measured).");
                return;
            }
            throw new IllegalStateException(mismatch + ": this run measured a different job.");
        }
    }

    /** The first conversations whose signal counts differ, to start looking from. */
    private static String differences(OutputProbe probe, BenchReference.Outputs rules) {
        Map<String, Long> sent = probe.countsByKey();
        Map<String, Long> expected = rules.signalsByConversation();
        Set<String> conversations = new TreeSet<>(sent.keySet());
        conversations.addAll(expected.keySet());
        return conversations.stream()
                .filter(c -> !sent.getOrDefault(c, 0L).equals(expected.getOrDefault(c, 0L)))
                .limit(5)
                .map(c -> c + " " + sent.getOrDefault(c, 0L) + " vs " + expected.getOrDefault(c, 0L))
                .collect(Collectors.joining(", "));
    }

    /** Kafka to Kafka with nothing between, same parallelism and guarantee: what the I/O alone allows. */
    Throughput passthrough(Input input) throws Exception {
        JobSettings settings = settings(input, Map.of());
        String output = settings.get(JobOptions.TOPIC_SIGNALS);
        long records = input.written().kafkaRecords();
        try (BenchCluster cluster = new BenchCluster(settings.flinkConfiguration(), parallelism);
                OutputProbe probe = new OutputProbe(kafka.bootstrapServers(), output, null, null);
                OffsetProgress progress =
                        new OffsetProgress(kafka.bootstrapServers(), settings.get(JobOptions.KAFKA_GROUP_ID))) {
            cluster.run(
                    settings.flinkConfiguration(),
                    env -> {
                        DataStream<byte[]> in = env.fromSource(
                                        KafkaSource.<byte[]>builder()
                                                .setBootstrapServers(kafka.bootstrapServers())
                                                .setTopics(input.cartTopic(), input.chatTopic())
                                                .setGroupId(settings.get(JobOptions.KAFKA_GROUP_ID))
                                                .setStartingOffsets(OffsetsInitializer.earliest())
                                                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(
                                                        ByteArrayDeserializer.class))
                                                .setProperty("isolation.level", "read_committed")
                                                .build(),
                                        WatermarkStrategy.noWatermarks(),
                                        "input")
                                .uid("source-input")
                                .name("input");
                        in.sinkTo(KafkaSink.<byte[]>builder()
                                        .setBootstrapServers(kafka.bootstrapServers())
                                        .setRecordSerializer(KafkaRecordSerializationSchema.<byte[]>builder()
                                                .setTopic(output)
                                                .setValueSerializationSchema(
                                                        (SerializationSchema<byte[]>) value -> value)
                                                .build())
                                        .setDeliveryGuarantee(settings.deliveryGuarantee())
                                        .setTransactionalIdPrefix(settings.get(JobOptions.TRANSACTIONAL_ID_PREFIX))
                                        .setProperty("transaction.timeout.ms", "600000")
                                        .build())
                                .uid("sink-output")
                                .name("output");
                    },
                    output);
            Instant start = Instant.now();
            Instant end = probe.awaitCount(records, RUN_LIMIT);
            return Throughput.of(
                    progress, records, input.written().events(), seconds(start, end), cluster.checkpoints(), 0);
        }
    }

    /** State size of idle buyers holding a cart: the savepoint's bytes per buyer, and the checkpoint's. */
    record StateSize(long buyers, long savepointBytes, long checkpointBytes) {}

    StateSize stateSize(Input input) throws Exception {
        JobSettings settings = settings(input, Map.of());
        String signals = settings.get(JobOptions.TOPIC_SIGNALS);
        java.nio.file.Path savepoints = java.nio.file.Files.createTempDirectory("bench-savepoints-");
        try (BenchCluster cluster = new BenchCluster(settings.flinkConfiguration(), parallelism);
                OutputProbe probe = new OutputProbe(kafka.bootstrapServers(), signals, "conv-end", null)) {
            JobID job =
                    cluster.run(settings.flinkConfiguration(), env -> BuyerSignalsJob.build(env, settings), signals);
            probe.awaitKey(RUN_LIMIT);
            expectSignals(probe, input.written().rules(), cluster);
            // A checkpoint after everything is in: its full size is the state (incremental RocksDB: all of it).
            Thread.sleep(3 * settings.get(JobOptions.CHECKPOINT_INTERVAL).toMillis());
            long checkpoint =
                    cluster.checkpoints().at("/latest/completed/state_size").asLong();
            String savepoint = cluster.miniCluster()
                    .triggerSavepoint(job, savepoints.toUri().toString(), false, SavepointFormatType.CANONICAL)
                    .get();
            long bytes;
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(java.net.URI.create(savepoint)))) {
                bytes = files.filter(java.nio.file.Files::isRegularFile)
                        .mapToLong(f -> f.toFile().length())
                        .sum();
            }
            return new StateSize(input.written().events(), bytes, checkpoint);
        } finally {
            io.buyersignals.testkit.Directories.deleteRecursively(savepoints);
        }
    }

    JobSettings settings(Input input, Map<String, String> changes) {
        int run = ++runs;
        String output = input.database() + "-out-" + run;
        kafka.createTopics(parallelism, output, output + "-alerts", output + "-outcomes", output + "-dlq");
        kafka.createCompactedTopic(parallelism, output + "-context");
        Map<String, String> o = EmbeddedJob.connection(kafka.bootstrapServers(), mariaDb, input.database());
        o.put("kafka.topic.cart-events", input.cartTopic());
        o.put("kafka.topic.chat-events", input.chatTopic());
        o.put("kafka.topic.signals", output);
        o.put("kafka.topic.context", output + "-context");
        o.put("kafka.topic.alerts", output + "-alerts");
        o.put("kafka.topic.outcomes", output + "-outcomes");
        o.put("kafka.topic.dead-letters", output + "-dlq");
        o.put("kafka.group-id", output);
        o.put("kafka.transactional-id-prefix", output);
        o.put("mysql.server-id.checkouts", Integer.toString(5500 + 2 * run));
        o.put("mysql.server-id.shops", Integer.toString(5501 + 2 * run));
        o.put("parallelism.default", Integer.toString(parallelism));
        // Checkpoints on the local disk, as they would be on durable storage; the JobManager's memory holds 5 MB.
        o.put("execution.checkpointing.dir", checkpoints.resolve(output).toUri().toString());
        // Input progress is read from the offsets committed at each checkpoint: one a second gives a fast run
        // (the passthrough reads a million records in about 20 s) enough samples between 20 % and 90 %.
        o.put("checkpoint.interval", "1s");
        // The checkout rows come from the binlog with their event time, so the other inputs' event time cannot
        // overtake them. Snapshot rows carry none: the input must go idle before event time moves, and a snapshot
        // that starts later than that has its rows applied late (up to 519 of 6,000 rows a run with a 1 s
        // events.idle-after-start), which changes the signals.
        o.put("mysql.startup", "binlog");
        // The block cache's size, for the state-larger-than-cache run (a property read when asked, not a statistic).
        o.put("state.backend.rocksdb.metrics.block-cache-capacity", "true");
        o.put("restart-strategy.type", "fixed-delay");
        o.put("restart-strategy.fixed-delay.attempts", "10");
        o.put("restart-strategy.fixed-delay.delay", "1s");
        o.putAll(jobOptions);
        o.putAll(changes);
        return EmbeddedJob.settings(o);
    }

    void measuring(boolean measuring) {
        this.measuring = measuring;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    int parallelism() {
        return parallelism;
    }

    static double seconds(Instant start, Instant end) {
        return Duration.between(start, end).toMillis() / 1000.0;
    }
}
