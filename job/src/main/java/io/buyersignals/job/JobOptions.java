package io.buyersignals.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

/**
 * Every option of the production job, with its default. Keys not listed here are passed to Flink as they are
 * (e.g. {@code parallelism.default}, {@code execution.checkpointing.dir}, {@code restart-strategy.type}).
 * Secrets are never options: they come from environment variables or files.
 */
public final class JobOptions {
    public static final String MYSQL_PASSWORD_ENV = "BUYER_SIGNALS_MYSQL_PASSWORD";
    public static final String KAFKA_JAAS_ENV = "BUYER_SIGNALS_KAFKA_SASL_JAAS_CONFIG";

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers")
            .stringType()
            .noDefaultValue()
            .withDescription("Kafka brokers, e.g. broker-1:9092,broker-2:9092.");
    public static final ConfigOption<String> KAFKA_SECURITY_PROTOCOL = key("kafka.security.protocol")
            .stringType()
            .defaultValue("PLAINTEXT")
            .withDescription("PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
    public static final ConfigOption<String> KAFKA_SASL_MECHANISM = key("kafka.sasl.mechanism")
            .stringType()
            .noDefaultValue()
            .withDescription("SASL mechanism, e.g. SCRAM-SHA-512; its JAAS config comes from " + KAFKA_JAAS_ENV
                    + " or kafka.sasl.jaas-config-file.");
    public static final ConfigOption<String> KAFKA_SASL_JAAS_CONFIG_FILE = key("kafka.sasl.jaas-config-file")
            .stringType()
            .noDefaultValue()
            .withDescription("File holding the SASL JAAS config (a secret).");
    public static final ConfigOption<String> KAFKA_GROUP_ID = key("kafka.group-id")
            .stringType()
            .defaultValue("buyer-signals")
            .withDescription("Consumer group of the input topics (offsets are "
                    + "committed on checkpoints, for monitoring only: the job restores from its own state).");
    public static final ConfigOption<String> TOPIC_CART_EVENTS = key("kafka.topic.cart-events")
            .stringType()
            .defaultValue("cart-events")
            .withDescription("Input topic of cart snapshots.");
    public static final ConfigOption<String> TOPIC_CHAT_EVENTS = key("kafka.topic.chat-events")
            .stringType()
            .defaultValue("chat-events")
            .withDescription("Input topic of chat events.");
    public static final ConfigOption<String> TOPIC_SIGNALS = key("kafka.topic.signals")
            .stringType()
            .defaultValue("buyer-signals")
            .withDescription("Output topic of buyer signals.");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = key("kafka.topic.dead-letters")
            .stringType()
            .defaultValue("buyer-signals-dlq")
            .withDescription("Output topic of unusable input records.");
    public static final ConfigOption<String> TOPIC_CONTEXT = key("kafka.topic.context")
            .stringType()
            .defaultValue("buyer-context")
            .withDescription("Output topic of each live conversation's current context, keyed by conversation; "
                    + "create it compacted (cleanup.policy=compact): a conversation that ends is a tombstone.");
    public static final ConfigOption<String> TOPIC_ALERTS = key("kafka.topic.alerts")
            .stringType()
            .defaultValue("buyer-alerts")
            .withDescription("Output topic of alerts: buyers at checkout waiting for a reply, and their resolution.");
    public static final ConfigOption<String> TOPIC_OUTCOMES = key("kafka.topic.outcomes")
            .stringType()
            .defaultValue("conversation-outcomes")
            .withDescription("Output topic of conversation outcomes, one per conversation when it ends.");
    public static final ConfigOption<String> DELIVERY_GUARANTEE = key("kafka.delivery-guarantee")
            .stringType()
            .defaultValue("exactly-once")
            .withDescription("exactly-once (signals become visible to read_committed "
                    + "consumers when a checkpoint completes) or at-least-once (lower latency, duplicates possible "
                    + "after a failure; deduplicate by signal_id).");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix")
            .stringType()
            .defaultValue("buyer-signals")
            .withDescription("Prefix of the sinks' Kafka transactional "
                    + "ids: unique per job on the cluster, and stable across upgrades.");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("kafka.transaction-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("Kafka transaction timeout: at most the brokers' transaction.max.timeout.ms (15 min by"
                    + " default) and at least ten checkpoint intervals (checked at start); longer than any restart or"
                    + " pause of the job, whose open transactions would otherwise be lost.");

    public static final ConfigOption<String> MYSQL_HOSTNAME = key("mysql.hostname")
            .stringType()
            .noDefaultValue()
            .withDescription("MySQL host holding the checkouts and shops tables.");
    public static final ConfigOption<Integer> MYSQL_PORT =
            key("mysql.port").intType().defaultValue(3306).withDescription("MySQL port.");
    public static final ConfigOption<String> MYSQL_DATABASE = key("mysql.database")
            .stringType()
            .noDefaultValue()
            .withDescription("Database holding the checkouts and shops tables.");
    public static final ConfigOption<String> MYSQL_USERNAME = key("mysql.username")
            .stringType()
            .noDefaultValue()
            .withDescription("User with SELECT, REPLICATION SLAVE and REPLICATION CLIENT; its password comes from "
                    + MYSQL_PASSWORD_ENV + " or mysql.password-file.");
    public static final ConfigOption<String> MYSQL_PASSWORD_FILE = key("mysql.password-file")
            .stringType()
            .noDefaultValue()
            .withDescription("File holding the MySQL password (a secret).");
    public static final ConfigOption<String> MYSQL_SERVER_TIME_ZONE = key("mysql.server-time-zone")
            .stringType()
            .defaultValue("UTC")
            .withDescription("The server's time zone; must match the server.");
    public static final ConfigOption<String> MYSQL_STARTUP = key("mysql.startup")
            .stringType()
            .defaultValue("snapshot")
            .withDescription("snapshot: the tables' existing rows, then their binlog. binlog: the whole binlog "
                    + "from its earliest position and no snapshot, so every row comes with its event time; only for "
                    + "tables whose every row is still in the binlog.");
    public static final ConfigOption<Integer> MYSQL_SERVER_ID_CHECKOUTS = key("mysql.server-id.checkouts")
            .intType()
            .defaultValue(5400)
            .withDescription(
                    "Binlog client id of the checkouts reader; unique among the database's replication clients.");
    public static final ConfigOption<Integer> MYSQL_SERVER_ID_SHOPS = key("mysql.server-id.shops")
            .intType()
            .defaultValue(5401)
            .withDescription("Binlog client id of the shops reader; unique among the database's replication clients.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = key("events.out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("How far out of event-time order inputs may arrive and still be applied in order.");
    public static final ConfigOption<Duration> QUIET_AFTER = key("events.quiet-after")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("After this long without records an input's "
                    + "event time moves with the wall clock, so a quiet topic never holds signals back. Time the "
                    + "input is blocked by back-pressure does not count.");
    public static final ConfigOption<Duration> IDLE_AFTER_START = key("events.idle-after-start")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("After a start or restart, an input that has not "
                    + "delivered a record for this long is idle: long enough for a reconnecting binlog reader to catch "
                    + "up before the other inputs' event time overtakes it.");
    public static final ConfigOption<Duration> TIMER_GRANULARITY = key("events.timer-granularity")
            .durationType()
            .defaultValue(Duration.ofMillis(100))
            .withDescription("A buyer's buffered inputs are applied together "
                    + "when event time passes the next multiple of this: coarser means fewer timers and state "
                    + "accesses per input, finer means earlier signals.");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = key("events.max-future-skew")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("Events dated further in the future than this are dead letters.");

    public static final ConfigOption<Duration> REPLY_WAIT = key("alerts.reply-wait")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("A buyer with an open checkout whose message has waited this long (event time) for a "
                    + "reply raises a waiting_at_checkout alert.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(2))
            .withDescription("Checkpoint interval; with exactly-once, signals are published once per checkpoint.");
    public static final ConfigOption<String> STATE_BACKEND = key("state.backend")
            .stringType()
            .defaultValue("rocksdb")
            .withDescription("rocksdb (incremental checkpoints) or hashmap.");

    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            KAFKA_SECURITY_PROTOCOL,
            KAFKA_SASL_MECHANISM,
            KAFKA_SASL_JAAS_CONFIG_FILE,
            KAFKA_GROUP_ID,
            TOPIC_CART_EVENTS,
            TOPIC_CHAT_EVENTS,
            TOPIC_SIGNALS,
            TOPIC_DEAD_LETTERS,
            TOPIC_CONTEXT,
            TOPIC_ALERTS,
            TOPIC_OUTCOMES,
            DELIVERY_GUARANTEE,
            TRANSACTIONAL_ID_PREFIX,
            TRANSACTION_TIMEOUT,
            MYSQL_HOSTNAME,
            MYSQL_PORT,
            MYSQL_DATABASE,
            MYSQL_USERNAME,
            MYSQL_PASSWORD_FILE,
            MYSQL_SERVER_TIME_ZONE,
            MYSQL_STARTUP,
            MYSQL_SERVER_ID_CHECKOUTS,
            MYSQL_SERVER_ID_SHOPS,
            OUT_OF_ORDERNESS,
            QUIET_AFTER,
            IDLE_AFTER_START,
            TIMER_GRANULARITY,
            MAX_FUTURE_SKEW,
            REPLY_WAIT,
            CHECKPOINT_INTERVAL,
            STATE_BACKEND);

    /** Options without a default that the job cannot start without. */
    public static final List<ConfigOption<String>> REQUIRED =
            List.of(KAFKA_BOOTSTRAP_SERVERS, MYSQL_HOSTNAME, MYSQL_DATABASE, MYSQL_USERNAME);

    private JobOptions() {}

    /** The options as a Markdown table, for docs/operations.md (a test keeps the two equal). */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Option | Default | Meaning |\n| --- | --- | --- |\n");
        for (ConfigOption<?> option : ALL) {
            String value = !option.hasDefaultValue()
                    ? (REQUIRED.contains(option) ? "(required)" : "none")
                    : "`" + (option.defaultValue() instanceof Duration d ? format(d) : option.defaultValue()) + "`";
            table.append("| `")
                    .append(option.key())
                    .append("` | ")
                    .append(value)
                    .append(" | ")
                    .append(describe(option))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The --help text: every option with its default. */
    public static String help() {
        StringBuilder text = new StringBuilder();
        for (ConfigOption<?> option : ALL) {
            text.append("  --").append(option.key());
            if (option.hasDefaultValue()) {
                Object value = option.defaultValue();
                text.append(" (default: ")
                        .append(value instanceof Duration d ? format(d) : value)
                        .append(')');
            }
            text.append("\n      ").append(describe(option)).append('\n');
        }
        return text.toString();
    }

    private static String describe(ConfigOption<?> option) {
        StringBuilder text = new StringBuilder();
        for (BlockElement block : option.description().getBlocks()) {
            if (block instanceof TextElement element) {
                text.append(element.getFormat());
            }
        }
        return text.toString();
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 != 0
                ? d.toMillis() + " ms"
                : d.toSeconds() % 60 != 0 || d.isZero()
                        ? d.toSeconds() + " s"
                        : d.toMinutes() % 60 != 0 ? d.toMinutes() + " min" : d.toHours() + " h";
    }
}
