package io.buyersignals.job;

import static io.buyersignals.job.JobOptions.*;

import io.buyersignals.cdc.MySqlCdcSources;
import io.buyersignals.json.Readers;
import io.buyersignals.json.RecordReader;
import io.buyersignals.json.TableRows;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.Parsed;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production job: Kafka and MySQL CDC in, Kafka out, around the one topology. */
public final class BuyerSignalsJob {
    public static final String JOB_NAME = "buyer-signals";
    public static final String SIGNALS_SINK_UID = "sink-buyer-signals";
    public static final String DEAD_LETTERS_SINK_UID = "sink-dead-letters";

    private BuyerSignalsJob() {}

    public static StreamExecutionEnvironment environment(JobSettings settings) {
        return StreamExecutionEnvironment.getExecutionEnvironment(settings.flinkConfiguration());
    }

    public static void build(StreamExecutionEnvironment env, JobSettings settings) {
        BuyerSignalsTopology.Sources sources = new BuyerSignalsTopology.Sources(
                events(settings, TOPIC_CART_EVENTS, Readers.CART_SNAPSHOT),
                events(settings, TOPIC_CHAT_EVENTS, Readers.CHAT_EVENT),
                MySqlCdcSources.table(settings.mysql(), MySqlCdcSources.CHECKOUTS,
                        settings.get(MYSQL_SERVER_IDS_CHECKOUTS), TableRows.CHECKOUTS, TypeInfos.PARSED_CHECKOUT_ROW),
                MySqlCdcSources.table(settings.mysql(), MySqlCdcSources.SHOPS, settings.get(MYSQL_SERVER_ID_SHOPS),
                        TableRows.SHOPS, TypeInfos.PARSED_SHOP_ROW),
                Map.of());
        String prefix = settings.get(TRANSACTIONAL_ID_PREFIX);
        BuyerSignalsTopology.Sinks sinks = new BuyerSignalsTopology.Sinks(
                signals -> signals.sinkTo(sink(settings, KafkaRecords.signals(settings.get(TOPIC_SIGNALS)),
                        prefix + "-signals")).uid(SIGNALS_SINK_UID).name("Kafka: " + settings.get(TOPIC_SIGNALS)),
                letters -> letters.sinkTo(sink(settings, KafkaRecords.deadLetters(settings.get(TOPIC_DEAD_LETTERS)),
                        prefix + "-dead-letters")).uid(DEAD_LETTERS_SINK_UID)
                        .name("Kafka: " + settings.get(TOPIC_DEAD_LETTERS)));
        BuyerSignalsTopology.build(env, sources, sinks, settings.eventTime());
    }

    private static KafkaSource<Parsed<BuyerEvent>> events(JobSettings settings, ConfigOption<String> topic,
            RecordReader<BuyerEvent> reader) {
        return KafkaSource.<Parsed<BuyerEvent>>builder()
                .setBootstrapServers(settings.get(KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(settings.get(topic))
                .setGroupId(settings.get(KAFKA_GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaEventDeserializer(reader, settings.get(MAX_FUTURE_SKEW).toMillis()))
                .setProperties(settings.kafkaProperties())
                // Producers of the input topics may be transactional: never read what they abort.
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private static <T> KafkaSink<T> sink(JobSettings settings, KafkaRecordSerializationSchema<T> records,
            String transactionalIdPrefix) {
        Properties producer = settings.kafkaProperties();
        // The builder's default (1 h) exceeds the brokers' default cap (15 min): every transaction would fail.
        producer.setProperty("transaction.timeout.ms", Long.toString(settings.get(TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.get(KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(records)
                .setDeliveryGuarantee(settings.deliveryGuarantee())
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
