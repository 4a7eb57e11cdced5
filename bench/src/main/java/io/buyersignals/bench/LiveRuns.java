package io.buyersignals.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.JobOptions;
import io.buyersignals.job.JobSettings;
import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs with live traffic at a fixed offered load, below saturation: buyers in open conversations change their carts,
 * each change a live signal whose latency is measured from the event's time (stamped when produced) to the moment
 * a read_committed consumer sees it. Also the time to recover from a lost TaskManager under that load.
 */
final class LiveRuns {
    /**
     * Settings for latency: a small out-of-orderness bound (live traffic here is in order), quiet inputs moving on
     * soon, frequent watermarks, fine flush timers, network buffers sent at once, 1 s checkpoints.
     */
    static final Map<String, String> LOW_LATENCY = Map.of(
            "events.out-of-orderness",
            "50ms",
            "events.quiet-after",
            "100ms",
            "pipeline.auto-watermark-interval",
            "20ms",
            "execution.buffer-timeout.interval",
            "5ms",
            "checkpoint.interval",
            "1s",
            "events.timer-granularity",
            "10ms");

    private static final int BUYERS = 1_000;
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final BenchRuns runs;

    LiveRuns(BenchRuns runs) {
        this.runs = runs;
    }

    /** Latency samples of live signals, after a warm-up, at {@code rate} events/s for {@code seconds}. */
    LatencyRecorder latency(String name, Map<String, String> changes, int rate, int seconds) throws Exception {
        return live(name, changes, rate, seconds, false).latencies;
    }

    /** Seconds from a lost TaskManager to the first visible signal of an event produced after the loss. */
    double recovery(int rate) throws Exception {
        return live("recovery", Map.of(), rate, 60, true).recoverySeconds;
    }

    private record Outcome(LatencyRecorder latencies, double recoverySeconds) {}

    private Outcome live(String name, Map<String, String> changes, int rate, int seconds, boolean killTaskManager)
            throws Exception {
        BenchRuns.Input input = runs.input(name);
        Map<String, String> options = new java.util.HashMap<>(LOW_LATENCY);
        options.putAll(changes);
        JobSettings settings = runs.settings(input, options);
        String signals = settings.get(JobOptions.TOPIC_SIGNALS);
        try (BenchCluster cluster = new BenchCluster(settings.flinkConfiguration(), runs.parallelism());
                KafkaProducer<byte[], byte[]> producer = producer()) {
            cluster.run(settings.flinkConfiguration(), env -> BuyerSignalsJob.build(env, settings), signals);
            for (int buyer = 0; buyer < BUYERS; buyer++) {
                send(
                        producer,
                        input.chatTopic(),
                        buyer,
                        Json.MAPPER
                                .createObjectNode()
                                .put("schema", "chat_event")
                                .put("conversation_id", "live-" + buyer)
                                .put("type", "conversation_started"));
            }
            long planned = killTaskManager ? System.currentTimeMillis() + 20_000 : Long.MAX_VALUE;
            LatencyRecorder latencies =
                    new LatencyRecorder(killTaskManager ? planned : System.currentTimeMillis() + WARM_UP.toMillis());
            long killedAt = 0;
            try (OutputProbe probe = new OutputProbe(runs.kafka().bootstrapServers(), signals, null, latencies)) {
                long interval = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                long end = next + TimeUnit.SECONDS.toNanos(seconds);
                int[] versions = new int[BUYERS];
                for (long i = 0; System.nanoTime() < end; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += interval;
                    int buyer = (int) (i % BUYERS);
                    versions[buyer]++;
                    ObjectNode cart = Json.MAPPER
                            .createObjectNode()
                            .put("schema", "cart_snapshot")
                            .put("cart_token", "c-live")
                            .put("currency", "USD");
                    cart.putArray("line_items")
                            .addObject()
                            .put("variant_id", 1)
                            .put("product_id", 1)
                            .put("title", "Mug")
                            .put("quantity", 1 + versions[buyer] % 50)
                            .put("unit_price", "9.50");
                    send(producer, input.cartTopic(), buyer, cart);
                    if (killedAt == 0 && System.currentTimeMillis() >= planned) {
                        killedAt = System.currentTimeMillis();
                        cluster.miniCluster().terminateTaskManager(0).get();
                        cluster.miniCluster().startTaskManager();
                    }
                }
                producer.flush();
                if (killTaskManager) {
                    Deadline.await(
                            "signals after the recovery", Duration.ofMinutes(2), () -> latencies.firstVisibleAt() != 0);
                } else {
                    // The last events' signals: out-of-orderness, a checkpoint, the commit.
                    Thread.sleep(3_000);
                }
            }
            System.out.println(
                    "  (" + name + ": checkpoints " + cluster.checkpoints().path("counts") + ")");
            double recovery = killTaskManager ? (latencies.firstVisibleAt() - killedAt) / 1000.0 : -1;
            return new Outcome(latencies, recovery);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int buyer, ObjectNode doc) {
        String token = "live-b-" + buyer;
        long now = System.currentTimeMillis();
        doc.put("version", 1)
                .put("event_id", "live-" + buyer + "-" + System.nanoTime())
                .put("shop_id", 1)
                .put("buyer_token", token)
                .put("occurred_at", Json.timestamp(now));
        producer.send(new ProducerRecord<>(
                topic, token.getBytes(StandardCharsets.UTF_8), doc.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        runs.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
