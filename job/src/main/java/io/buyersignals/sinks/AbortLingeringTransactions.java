package io.buyersignals.sinks;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes records through unchanged; while the job (re)starts, before any checkpoint can start, its first subtask
 * aborts the sinks' transactions that {@link LingeringTransactions} says nobody will finish. Sits in the sink's
 * task, so it runs on every restart of the sinks.
 */
public class AbortLingeringTransactions<T> extends RichMapFunction<T, T> implements CheckpointedFunction {
    private static final Logger LOG = LoggerFactory.getLogger(AbortLingeringTransactions.class);
    /** Registered only where exactly-once Kafka sinks run (not in the replay). */
    public static final String METRIC = "lingering_transactions_aborted";

    private final Properties kafka;
    private final Set<String> prefixes;
    private transient long aborted;

    public AbortLingeringTransactions(Properties kafka, Set<String> prefixes) {
        this.kafka = kafka;
        this.prefixes = prefixes;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return;
        }
        long restored = context.getRestoredCheckpointId().orElse(0L);
        try (Admin admin = Admin.create(kafka)) {
            List<String> open = admin
                    .listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                    .all()
                    .get()
                    .stream()
                    .map(TransactionListing::transactionalId)
                    .toList();
            for (String id : LingeringTransactions.toAbort(open, prefixes, restored)) {
                abort(id);
                aborted++;
            }
        }
        if (aborted > 0) {
            LOG.info("Aborted {} lingering Kafka transactions after restoring checkpoint {}", aborted, restored);
        }
    }

    /** Initialising a producer with the same transactional id fences the old one and aborts its transaction. */
    private void abort(String transactionalId) {
        Properties producer = new Properties();
        producer.putAll(kafka);
        producer.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producer.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<byte[], byte[]> fencing =
                new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            fencing.initTransactions();
        }
    }

    @Override
    public void open(OpenContext openContext) {
        Counter counter =
                getRuntimeContext().getMetricGroup().addGroup("buyer_signals").counter(METRIC);
        counter.inc(aborted);
    }

    @Override
    public T map(T value) {
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}
}
