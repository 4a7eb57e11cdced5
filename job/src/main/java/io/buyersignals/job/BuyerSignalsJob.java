package io.buyersignals.job;

import static io.buyersignals.job.JobOptions.*;

import io.buyersignals.cdc.ChangeMapper;
import io.buyersignals.cdc.MySqlCdcSources;
import io.buyersignals.contract.Readers;
import io.buyersignals.contract.RecordReader;
import io.buyersignals.contract.TableRows;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import io.buyersignals.serde.TypeInfos;
import io.buyersignals.sinks.AbortLingeringTransactions;
import io.buyersignals.sinks.KafkaRecords;
import io.buyersignals.sources.KafkaEventDeserializer;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production job: Kafka and MySQL CDC in, Kafka out, around the one topology. */
public final class BuyerSignalsJob {
    public static final String JOB_NAME = "buyer-signals";
    public static final String SIGNALS_SINK_UID = "sink-buyer-signals";
    public static final String DEAD_LETTERS_SINK_UID = "sink-dead-letters";
    public static final String CONTEXT_SINK_UID = "sink-buyer-context";
    public static final String ALERTS_SINK_UID = "sink-buyer-alerts";
    public static final String OUTCOMES_SINK_UID = "sink-conversation-outcomes";
    public static final String LINGERING_TRANSACTIONS_UID = "abort-lingering-transactions";

    private BuyerSignalsJob() {}

    public static StreamExecutionEnvironment environment(JobSettings settings) {
        return StreamExecutionEnvironment.getExecutionEnvironment(settings.flinkConfiguration());
    }

    /**
     * Wraps the Kafka sinks before they join the graph. Production wraps nothing; the failure tests wrap them to
     * fail inside the writer or between a checkpoint's pre-commit and its commit.
     */
    public interface SinkWrapper {
        SinkWrapper NONE = new SinkWrapper() {
            @Override
            public <T> Sink<T> wrap(String output, KafkaSink<T> sink) {
                return sink;
            }
        };

        /** @param output {@code signals}, {@code context}, {@code alerts}, {@code outcomes} or {@code dead-letters} */
        <T> Sink<T> wrap(String output, KafkaSink<T> sink);
    }

    public static void build(StreamExecutionEnvironment env, JobSettings settings) {
        BuyerSignalsTopology.build(
                env,
                sources(settings, TableRows.CHECKOUTS),
                sinks(settings, SinkWrapper.NONE),
                settings.eventTime(),
                settings.replyWait());
    }

    /** The production sources; tests pass their own checkout mapper to fail inside the CDC reader. */
    public static BuyerSignalsTopology.Sources sources(
            JobSettings settings, ChangeMapper<Parsed<CheckoutRow>> checkoutRows) {
        return new BuyerSignalsTopology.Sources(
                events(settings, TOPIC_CART_EVENTS, Readers.CART_SNAPSHOT),
                events(settings, TOPIC_CHAT_EVENTS, Readers.CHAT_EVENT),
                MySqlCdcSources.table(
                        settings.mysql(),
                        MySqlCdcSources.CHECKOUTS,
                        settings.get(MYSQL_SERVER_ID_CHECKOUTS).toString(),
                        settings.mysqlStartup(),
                        checkoutRows,
                        TypeInfos.PARSED_CHECKOUT_ROW),
                MySqlCdcSources.table(
                        settings.mysql(),
                        MySqlCdcSources.SHOPS,
                        settings.get(MYSQL_SERVER_ID_SHOPS).toString(),
                        settings.mysqlStartup(),
                        TableRows.SHOPS,
                        TypeInfos.PARSED_SHOP_ROW),
                Map.of());
    }

    /** The production sinks, each wrapped by {@code wrapper}. */
    public static BuyerSignalsTopology.Sinks sinks(JobSettings settings, SinkWrapper wrapper) {
        String prefix = settings.get(TRANSACTIONAL_ID_PREFIX);
        Properties kafka = settings.kafkaProperties();
        kafka.setProperty("bootstrap.servers", settings.get(KAFKA_BOOTSTRAP_SERVERS));
        AbortLingeringTransactions<BuyerSignal> janitor = new AbortLingeringTransactions<>(
                kafka,
                Set.of(
                        prefix + "-signals",
                        prefix + "-context",
                        prefix + "-alerts",
                        prefix + "-outcomes",
                        prefix + "-dead-letters"));
        return new BuyerSignalsTopology.Sinks(
                signals -> (settings.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
                                ? signals.map(janitor, TypeInfos.BUYER_SIGNAL)
                                        .uid(LINGERING_TRANSACTIONS_UID)
                                        .name("Abort lingering Kafka transactions")
                                : signals)
                        .sinkTo(wrapper.wrap(
                                "signals",
                                sink(settings, KafkaRecords.signals(settings.get(TOPIC_SIGNALS)), prefix + "-signals")))
                        .uid(SIGNALS_SINK_UID)
                        .name("Kafka: " + settings.get(TOPIC_SIGNALS)),
                contexts -> attach(
                        contexts,
                        settings,
                        wrapper,
                        "context",
                        KafkaRecords::contexts,
                        TOPIC_CONTEXT,
                        CONTEXT_SINK_UID),
                alerts -> attach(
                        alerts, settings, wrapper, "alerts", KafkaRecords::alerts, TOPIC_ALERTS, ALERTS_SINK_UID),
                outcomes -> attach(
                        outcomes,
                        settings,
                        wrapper,
                        "outcomes",
                        KafkaRecords::outcomes,
                        TOPIC_OUTCOMES,
                        OUTCOMES_SINK_UID),
                letters -> attach(
                        letters,
                        settings,
                        wrapper,
                        "dead-letters",
                        KafkaRecords::deadLetters,
                        TOPIC_DEAD_LETTERS,
                        DEAD_LETTERS_SINK_UID));
    }

    /** One output's exactly-once Kafka sink: its topic, its own transactional ids ({@code prefix-output}), its uid. */
    private static <T> void attach(
            DataStream<T> stream,
            JobSettings settings,
            SinkWrapper wrapper,
            String output,
            Function<String, KafkaRecordSerializationSchema<T>> records,
            ConfigOption<String> topic,
            String uid) {
        String transactionalIds = settings.get(TRANSACTIONAL_ID_PREFIX) + "-" + output;
        stream.sinkTo(wrapper.wrap(output, sink(settings, records.apply(settings.get(topic)), transactionalIds)))
                .uid(uid)
                .name("Kafka: " + settings.get(topic));
    }

    private static KafkaSource<Parsed<BuyerEvent>> events(
            JobSettings settings, ConfigOption<String> topic, RecordReader<BuyerEvent> reader) {
        return KafkaSource.<Parsed<BuyerEvent>>builder()
                .setBootstrapServers(settings.get(KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(settings.get(topic))
                .setGroupId(settings.get(KAFKA_GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaEventDeserializer(
                        reader, settings.get(MAX_FUTURE_SKEW).toMillis()))
                .setProperties(settings.kafkaProperties())
                // Producers of the input topics may be transactional: never read what they abort.
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private static <T> KafkaSink<T> sink(
            JobSettings settings, KafkaRecordSerializationSchema<T> records, String transactionalIdPrefix) {
        Properties producer = settings.producerProperties();
        // The builder's default (1 h) exceeds the brokers' default cap (15 min): every transaction would fail.
        producer.setProperty(
                "transaction.timeout.ms",
                Long.toString(settings.get(TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.get(KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(records)
                .setDeliveryGuarantee(settings.deliveryGuarantee())
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
