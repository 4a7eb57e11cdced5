package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.sources.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production configuration: defaults, one-sentence errors naming the key, and secrets kept out of sight. */
class JobSettingsTest {
    private static final String PASSWORD = "s3cret-pa55";
    private static final Map<String, String> ENV = Map.of(JobOptions.MYSQL_PASSWORD_ENV, PASSWORD);

    private static Map<String, String> required() {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap-servers", "broker:9092");
        values.put("mysql.hostname", "db");
        values.put("mysql.database", "shop");
        values.put("mysql.username", "cdc");
        return values;
    }

    private static JobSettings with(String key, String value) {
        Map<String, String> values = required();
        values.put(key, value);
        return JobSettings.from(values, ENV);
    }

    @Test
    void everythingButAddressesAndCredentialsHasADefault() {
        JobSettings settings = JobSettings.from(required(), ENV);
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.get(JobOptions.TOPIC_SIGNALS)).isEqualTo("buyer-signals");
        assertThat(settings.get(JobOptions.TOPIC_DEAD_LETTERS)).isEqualTo("buyer-signals-dlq");
        assertThat(settings.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.get(JobOptions.TRANSACTION_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.eventTime())
                .isEqualTo(new Watermarks.EventTime(
                        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100)));
        assertThat(settings.mysql().password()).isEqualTo(PASSWORD);
        for (ConfigOption<?> option : JobOptions.ALL) {
            boolean required = required().containsKey(option.key());
            boolean secretOrOptional =
                    option.key().startsWith("kafka.sasl") || option.key().endsWith("-file");
            assertThat(option.hasDefaultValue()).as(option.key()).isEqualTo(!required && !secretOrOptional);
        }
    }

    @Test
    void flinkGetsExactlyOnceCheckpointsRocksDbIncrementalNoKryoAndEveryKeyThatIsNotOurs() {
        Configuration flink = with("parallelism.default", "4").flinkConfiguration();
        assertThat(flink.toMap())
                .containsEntry("execution.checkpointing.interval", "2000 ms")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("pipeline.auto-generate-uids", "false")
                .containsEntry("pipeline.max-parallelism", "256")
                .containsEntry("parallelism.default", "4")
                .doesNotContainKeys("kafka.bootstrap-servers", "mysql.hostname");
        assertThat(with("state.backend", "hashmap").flinkConfiguration().toMap())
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("execution.checkpointing.incremental", "false");
        assertThat(with("kafka.delivery-guarantee", "at-least-once").deliveryGuarantee())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void kafkaProducerSettingsGoToTheSinksOnlyAndNeverTheOnesTheGuaranteeDependsOn() {
        assertThat(JobSettings.from(required(), ENV).producerProperties())
                .containsEntry("linger.ms", "10")
                .containsEntry("batch.size", "131072")
                .containsEntry("compression.type", "lz4");
        JobSettings settings = with("kafka.producer.linger.ms", "20");
        assertThat(settings.producerProperties())
                .containsEntry("linger.ms", "20")
                .containsEntry("compression.type", "lz4");
        assertThat(settings.kafkaProperties()).doesNotContainKey("linger.ms");
        assertThat(settings.flinkConfiguration().toMap()).doesNotContainKey("kafka.producer.linger.ms");
        assertThatThrownBy(() -> with("kafka.producer.linger", "20"))
                .hasMessage(
                        "Unknown option kafka.producer.linger: after kafka.producer. comes a Kafka producer setting.");
        assertThatThrownBy(() -> with("kafka.producer.transactional.id", "mine"))
                .hasMessage("kafka.producer.transactional.id cannot be set: the job sets transactional.id itself, "
                        + "because its delivery guarantee depends on it.");
    }

    @Test
    void aMissingOrInvalidValueIsOneSentenceNamingTheKey() {
        Map<String, String> noBroker = required();
        noBroker.remove("kafka.bootstrap-servers");
        assertThatThrownBy(() -> JobSettings.from(noBroker, ENV))
                .isInstanceOf(UsageException.class)
                .hasMessage("kafka.bootstrap-servers is required.");
        assertThatThrownBy(() -> with("checkpoint.interval", "soon"))
                .hasMessage("checkpoint.interval must be a duration such as 2s or 500ms, not 'soon'.");
        assertThatThrownBy(() -> with("mysql.port", "db")).hasMessage("mysql.port must be a whole number, not 'db'.");
        assertThatThrownBy(() -> with("kafka.delivery-guarantee", "maybe"))
                .hasMessage("kafka.delivery-guarantee must be exactly-once or at-least-once, not 'maybe'.");
        assertThatThrownBy(() -> with("mysql.startup", "latest"))
                .hasMessage("mysql.startup must be snapshot or binlog, not 'latest'.");
        assertThatThrownBy(() -> with("state.backend", "memory"))
                .hasMessage("state.backend must be rocksdb or hashmap, not 'memory'.");
        assertThatThrownBy(() -> with("kafka.transaction-timeout", "10s"))
                .hasMessage(
                        "kafka.transaction-timeout "
                                + "must be at least ten checkpoint intervals, so a restart cannot outlive an open transaction.");
        assertThatThrownBy(() -> JobSettings.from(required(), Map.of()))
                .hasMessage("The MySQL password is required: "
                        + "set BUYER_SIGNALS_MYSQL_PASSWORD or mysql.password-file.");
        assertThatThrownBy(() -> with("kafka.sasl.mechanism", "SCRAM-SHA-512"))
                .hasMessage(
                        "kafka.sasl.mechanism "
                                + "needs a JAAS config: set BUYER_SIGNALS_KAFKA_SASL_JAAS_CONFIG or kafka.sasl.jaas-config-file.");
        assertThatThrownBy(() -> with("mysql.server-id.shops", "5400"))
                .hasMessage("mysql.server-id.checkouts and "
                        + "mysql.server-id.shops must differ: each binlog reader needs its own server id.");
        assertThatThrownBy(() -> with("mysql.server-id.shops", "5404-5405"))
                .hasMessage("mysql.server-id.shops must be a whole number, not '5404-5405'.");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--kafka.bootstrap-servers"}, ENV))
                .hasMessage("--kafka.bootstrap-servers needs a value.");
    }

    @Test
    void secretsComeFromTheEnvironmentOrFilesNeverFromOptionsAndNeverShow(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> with("mysql.password", PASSWORD))
                .hasMessageStartingWith("mysql.password must not be given as an option")
                .hasMessageNotContaining(PASSWORD);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "from-file\n");
        Path jaasFile = dir.resolve("jaas");
        Files.writeString(jaasFile, "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        Map<String, String> values = required();
        values.put("mysql.password-file", passwordFile.toString());
        values.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        values.put("kafka.sasl.jaas-config-file", jaasFile.toString());
        values.put("kafka.security.protocol", "SASL_SSL");
        JobSettings settings = JobSettings.from(values, Map.of());
        assertThat(settings.mysql().password()).isEqualTo("from-file");
        assertThat(settings.mysql().toString()).doesNotContain("from-file");
        assertThat(settings.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        assertThat(settings.toString()).doesNotContain("from-file", "ScramLoginModule");
        assertThat(settings.flinkConfiguration().toMap().values()).noneMatch(v -> v.contains("from-file"));

        values.put("mysql.password-file", dir.resolve("missing").toString());
        assertThatThrownBy(() -> JobSettings.from(values, Map.of()))
                .hasMessage("mysql.password-file names a file that cannot be read: " + dir.resolve("missing") + ".");
    }

    @Test
    void aPropertiesFileIsReadAndFlagsWin(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("job.properties");
        Files.writeString(
                config,
                "kafka.bootstrap-servers=from-file:9092\nmysql.hostname=db\nmysql.database=shop\n"
                        + "mysql.username=cdc\ncheckpoint.interval=5s\n");
        JobSettings settings =
                JobSettings.fromArgs(new String[] {"--config", config.toString(), "--checkpoint.interval", "3s"}, ENV);
        assertThat(settings.get(JobOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("from-file:9092");
        assertThat(settings.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> JobSettings.fromArgs(
                        new String[] {"--config", dir.resolve("nope").toString()}, ENV))
                .hasMessage("--config names a file that cannot be read: " + dir.resolve("nope") + ".");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = JobOptions.help();
        for (ConfigOption<?> option : JobOptions.ALL) {
            assertThat(help).contains("--" + option.key());
        }
        assertThat(help)
                .contains(
                        "--checkpoint.interval (default: 2 s)",
                        "--kafka.transaction-timeout (default: 10 min)",
                        "--events.max-future-skew (default: 1 h)",
                        "--kafka.delivery-guarantee (default: exactly-once)");
    }
}
