package io.buyersignals.job;

import static io.buyersignals.job.JobOptions.*;

import io.buyersignals.cdc.MySqlCdcSources;
import io.buyersignals.cdc.MySqlConnection;
import io.buyersignals.sources.Watermarks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The production job's configuration, validated at start: a missing or invalid value stops the job with one
 * sentence naming the key and what is expected. Holds secrets; it has no {@code toString} that could print them.
 */
public final class JobSettings {
    /** The default maximum parallelism; it can never change for a job's state, so choose it once, generously. */
    public static final int MAX_PARALLELISM = 256;
    /** What {@link ParameterTool} records for a flag given without a value. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private static final Set<String> SECRET_KEYS = Set.of("mysql.password", "kafka.sasl.jaas-config");
    private static final java.util.List<String> OWN_NAMESPACES =
            java.util.List.of("kafka.", "mysql.", "events.", "alerts.");
    /** Kafka's own producer settings for the sinks, such as {@code kafka.producer.linger.ms}. */
    public static final String PRODUCER_PREFIX = "kafka.producer.";
    /**
     * Batches of up to 128 KB, waiting up to 10 ms to fill, compressed with lz4: the whole job read 1.2 times as many
     * inputs per core with them (bench/RESULTS.md). Any of them can be overridden with a {@code kafka.producer.} option.
     */
    public static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, "10",
            ProducerConfig.BATCH_SIZE_CONFIG, "131072",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    /** Producer settings the job sets itself: the sinks' guarantee depends on them. */
    private static final Set<String> PRODUCER_KEYS_OWNED = Set.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

    private final Configuration options;
    private final String mysqlPassword;
    private final String kafkaJaasConfig;
    private final DeliveryGuarantee deliveryGuarantee;

    private JobSettings(
            Configuration options, String mysqlPassword, String kafkaJaasConfig, DeliveryGuarantee deliveryGuarantee) {
        this.options = options;
        this.mysqlPassword = mysqlPassword;
        this.kafkaJaasConfig = kafkaJaasConfig;
        this.deliveryGuarantee = deliveryGuarantee;
    }

    /** Reads {@code --config FILE} (a properties file) and flags ({@code --key value}); flags win. */
    public static JobSettings fromArgs(String[] args, Map<String, String> environment) {
        ParameterTool flags;
        try {
            flags = ParameterTool.fromArgs(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Options are --key value pairs: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        if (flags.has("config")) {
            try {
                values.putAll(
                        ParameterTool.fromPropertiesFile(flags.get("config")).toMap());
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--config names a file that cannot be read: " + flags.get("config") + ".");
            }
        }
        values.putAll(flags.toMap());
        values.remove("config");
        values.forEach((key, value) -> {
            if (NO_VALUE.equals(value)) {
                throw new UsageException("--" + key + " needs a value.");
            }
        });
        return from(values, environment);
    }

    public static JobSettings from(Map<String, String> values, Map<String, String> environment) {
        for (String secret : SECRET_KEYS) {
            if (values.containsKey(secret)) {
                throw new UsageException(secret + " must not be given as an option, where it could leak into logs; "
                        + "use the environment variable or the -file option instead.");
            }
        }
        Set<String> known = JobOptions.ALL.stream().map(ConfigOption::key).collect(java.util.stream.Collectors.toSet());
        for (String key : values.keySet()) {
            if (key.startsWith(PRODUCER_PREFIX)) {
                checkProducerKey(key);
                continue;
            }
            // Flink has no options under these names: a key there that the job does not know is a misspelling.
            if (OWN_NAMESPACES.stream().anyMatch(key::startsWith) && !known.contains(key)) {
                throw new UsageException("Unknown option " + key + "; `run --help` lists the job's options.");
            }
        }
        Configuration options = Configuration.fromMap(values);
        for (ConfigOption<?> option : JobOptions.ALL) {
            read(options, option);
        }
        for (ConfigOption<String> required : JobOptions.REQUIRED) {
            String value = options.get(required);
            if (value == null || value.isBlank()) {
                throw new UsageException(required.key() + " is required.");
            }
        }
        String guaranteeName = oneOf(options, DELIVERY_GUARANTEE, "exactly-once", "at-least-once");
        DeliveryGuarantee guarantee =
                guaranteeName.equals("exactly-once") ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        oneOf(options, MYSQL_STARTUP, "snapshot", "binlog");
        oneOf(options, STATE_BACKEND, "rocksdb", "hashmap");
        if (options.get(TRANSACTION_TIMEOUT)
                        .compareTo(options.get(CHECKPOINT_INTERVAL).multipliedBy(10))
                < 0) {
            throw new UsageException(TRANSACTION_TIMEOUT.key() + " must be at least ten checkpoint intervals, so a "
                    + "restart cannot outlive an open transaction.");
        }
        if (options.get(MYSQL_SERVER_ID_CHECKOUTS).equals(options.get(MYSQL_SERVER_ID_SHOPS))) {
            throw new UsageException(MYSQL_SERVER_ID_CHECKOUTS.key() + " and " + MYSQL_SERVER_ID_SHOPS.key()
                    + " must differ: each binlog reader needs its own server id.");
        }
        String password =
                secret(environment, MYSQL_PASSWORD_ENV, options.get(MYSQL_PASSWORD_FILE), MYSQL_PASSWORD_FILE.key());
        if (password == null) {
            throw new UsageException("The MySQL password is required: set " + MYSQL_PASSWORD_ENV + " or "
                    + MYSQL_PASSWORD_FILE.key() + ".");
        }
        String jaas = secret(
                environment,
                KAFKA_JAAS_ENV,
                options.get(KAFKA_SASL_JAAS_CONFIG_FILE),
                KAFKA_SASL_JAAS_CONFIG_FILE.key());
        if (options.get(KAFKA_SASL_MECHANISM) != null && jaas == null) {
            throw new UsageException(KAFKA_SASL_MECHANISM.key() + " needs a JAAS config: set " + KAFKA_JAAS_ENV + " or "
                    + KAFKA_SASL_JAAS_CONFIG_FILE.key() + ".");
        }
        return new JobSettings(options, password, jaas, guarantee);
    }

    private static void checkProducerKey(String key) {
        String producerKey = key.substring(PRODUCER_PREFIX.length());
        if (!ProducerConfig.configNames().contains(producerKey)) {
            throw new UsageException(
                    "Unknown option " + key + ": after " + PRODUCER_PREFIX + " comes a Kafka producer setting.");
        }
        if (PRODUCER_KEYS_OWNED.contains(producerKey)) {
            throw new UsageException(key + " cannot be set: the job sets " + producerKey
                    + " itself, because its delivery guarantee depends on it.");
        }
    }

    /** The option's value, which must be one of {@code allowed}: otherwise one sentence that names them. */
    private static String oneOf(Configuration options, ConfigOption<String> option, String... allowed) {
        String value = options.get(option);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new UsageException(
                    option.key() + " must be " + String.join(" or ", allowed) + ", not '" + value + "'.");
        }
        return value;
    }

    /** Reads one option, turning Flink's parse error into a sentence that says what is expected. */
    private static <T> T read(Configuration options, ConfigOption<T> option) {
        try {
            return options.get(option);
        } catch (IllegalArgumentException e) {
            String expected = option.defaultValue() instanceof Duration
                    ? "a duration such as 2s or 500ms"
                    : option.defaultValue() instanceof Integer ? "a whole number" : "a valid value";
            throw new UsageException(option.key() + " must be " + expected + ", not '"
                    + options.toMap().get(option.key()) + "'.");
        }
    }

    private static String secret(Map<String, String> environment, String variable, String file, String fileKey) {
        String value = environment.get(variable);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException(fileKey + " names a file that cannot be read: " + file + ".");
        }
    }

    public <T> T get(ConfigOption<T> option) {
        return options.get(option);
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    public java.time.Duration replyWait() {
        return get(REPLY_WAIT);
    }

    public Watermarks.EventTime eventTime() {
        return new Watermarks.EventTime(
                get(OUT_OF_ORDERNESS), get(QUIET_AFTER), get(IDLE_AFTER_START), get(TIMER_GRANULARITY));
    }

    public MySqlCdcSources.Startup mysqlStartup() {
        return get(MYSQL_STARTUP).equals("binlog")
                ? MySqlCdcSources.Startup.WHOLE_BINLOG
                : MySqlCdcSources.Startup.SNAPSHOT_THEN_BINLOG;
    }

    public MySqlConnection mysql() {
        return new MySqlConnection(
                get(MYSQL_HOSTNAME),
                get(MYSQL_PORT),
                get(MYSQL_DATABASE),
                get(MYSQL_USERNAME),
                mysqlPassword,
                get(MYSQL_SERVER_TIME_ZONE));
    }

    /** Client properties shared by the Kafka sources and sinks (security included). */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.setProperty("security.protocol", get(KAFKA_SECURITY_PROTOCOL));
        if (get(KAFKA_SASL_MECHANISM) != null) {
            properties.setProperty("sasl.mechanism", get(KAFKA_SASL_MECHANISM));
            properties.setProperty("sasl.jaas.config", kafkaJaasConfig);
        }
        return properties;
    }

    /** What the sinks' producers get: the shared client properties and every {@code kafka.producer.} option. */
    public Properties producerProperties() {
        Properties properties = kafkaProperties();
        properties.putAll(PRODUCER_DEFAULTS);
        options.toMap().forEach((key, value) -> {
            if (key.startsWith(PRODUCER_PREFIX)) {
                properties.setProperty(key.substring(PRODUCER_PREFIX.length()), value);
            }
        });
        return properties;
    }

    /** The options that are not ours, for Flink itself, plus what the job needs from Flink. */
    public Configuration flinkConfiguration() {
        Set<String> ours = JobOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
        Map<String, String> flink = new HashMap<>();
        options.toMap().forEach((key, value) -> {
            if (!ours.contains(key) && !key.startsWith(PRODUCER_PREFIX)) {
                flink.put(key, value);
            }
        });
        Configuration conf = Configuration.fromMap(flink);
        conf.setString(
                "execution.checkpointing.interval", get(CHECKPOINT_INTERVAL).toMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("state.backend.type", get(STATE_BACKEND));
        conf.setString(
                "execution.checkpointing.incremental",
                Boolean.toString(get(STATE_BACKEND).equals("rocksdb")));
        // Every type must have a Flink serializer: Kryo state cannot evolve across upgrades.
        conf.setString("pipeline.generic-types", "false");
        // Savepoints match state to operators by uid: a generated one would change with the graph.
        conf.setString("pipeline.auto-generate-uids", "false");
        if (!conf.containsKey("pipeline.max-parallelism")) {
            // Keyed state is split into this many key groups forever: it caps every future rescale.
            conf.setString("pipeline.max-parallelism", Integer.toString(MAX_PARALLELISM));
        }
        return conf;
    }
}
