package io.buyersignals.tests;

import io.buyersignals.contract.TableRows;
import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.job.JobSettings;
import io.buyersignals.testkit.EmbeddedJob;
import io.buyersignals.testkit.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production job under test: its own database and topics on the shared broker and MariaDB, and the options
 * that point the job at them. Each instance has a unique name, so tests never see each other's data.
 */
final class JobUnderTest {
    final String database;
    final String cartEvents;
    final String chatEvents;
    final String signals;
    final String contexts;
    final String alerts;
    final String outcomes;
    final String deadLetters;
    private final Map<String, String> options = new HashMap<>();

    private JobUnderTest(String database) {
        this.database = database;
        this.cartEvents = database + "-cart-events";
        this.chatEvents = database + "-chat-events";
        this.signals = database + "-buyer-signals";
        this.contexts = database + "-buyer-context";
        this.alerts = database + "-buyer-alerts";
        this.outcomes = database + "-outcomes";
        this.deadLetters = database + "-dlq";
    }

    /**
     * @param serverIdBase the first of the two binlog client ids this job uses; unique per test
     */
    static JobUnderTest create(int serverIdBase, Map<String, String> overrides) throws Exception {
        JobUnderTest job = new JobUnderTest(Infrastructure.uniqueName("it"));
        Infrastructure.mariaDb().createDatabase(job.database);
        // The context topic is not compacted here, so the tests see every record the job committed.
        Infrastructure.kafka()
                .createTopics(
                        2,
                        job.cartEvents,
                        job.chatEvents,
                        job.signals,
                        job.contexts,
                        job.alerts,
                        job.outcomes,
                        job.deadLetters);
        Map<String, String> o = job.options;
        o.putAll(EmbeddedJob.connection(
                Infrastructure.kafka().bootstrapServers(), Infrastructure.mariaDb(), job.database));
        o.put("kafka.topic.cart-events", job.cartEvents);
        o.put("kafka.topic.chat-events", job.chatEvents);
        o.put("kafka.topic.signals", job.signals);
        o.put("kafka.topic.context", job.contexts);
        o.put("kafka.topic.alerts", job.alerts);
        o.put("kafka.topic.outcomes", job.outcomes);
        o.put("kafka.topic.dead-letters", job.deadLetters);
        o.put("kafka.group-id", job.database);
        o.put("kafka.transactional-id-prefix", job.database);
        o.put("mysql.server-id.checkouts", Integer.toString(serverIdBase));
        o.put("mysql.server-id.shops", Integer.toString(serverIdBase + 1));
        o.put("checkpoint.interval", "1s");
        // Simulated time runs at 0.7 s per step: a short wait lets the failure suite see alerts raised and resolved.
        o.put("alerts.reply-wait", "20s");
        o.put("parallelism.default", "2");
        // Bounded, so a broken job fails its test instead of restarting forever.
        o.put("restart-strategy.type", "fixed-delay");
        o.put("restart-strategy.fixed-delay.attempts", "2");
        o.put("restart-strategy.fixed-delay.delay", "1s");
        o.putAll(overrides);
        return job;
    }

    JobSettings settings() {
        return settings(Map.of());
    }

    java.time.Duration replyWait() {
        return settings().replyWait();
    }

    /** The job's settings with some options changed, e.g. a savepoint to start from or another parallelism. */
    JobSettings settings(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(options);
        values.putAll(changes);
        return EmbeddedJob.settings(values);
    }

    /**
     * The command line that runs this job from the job jar ({@code run --key value ...}); the CDC password is read
     * from {@code passwordFile}, which this writes.
     */
    List<String> arguments(Path passwordFile) throws java.io.IOException {
        java.nio.file.Files.writeString(passwordFile, EmbeddedMariaDb.CDC_PASSWORD);
        List<String> arguments = new ArrayList<>(List.of("run"));
        new TreeMap<>(options).forEach((key, value) -> arguments.addAll(List.of("--" + key, value)));
        arguments.addAll(List.of("--mysql.password-file", passwordFile.toString()));
        return arguments;
    }

    /** The production job, exactly as {@code run} builds it. */
    JobClient start() throws Exception {
        return start(Map.of());
    }

    /** The production job with some options changed, e.g. a savepoint to start from or another parallelism. */
    JobClient start(Map<String, String> changes) throws Exception {
        JobSettings settings = settings(changes);
        StreamExecutionEnvironment env = BuyerSignalsJob.environment(settings);
        BuyerSignalsJob.build(env, settings);
        return env.executeAsync(database);
    }

    /** The production job with every {@link Chaos} point in place, inert until a test arms one. */
    JobClient startWithChaos() throws Exception {
        JobSettings settings = settings();
        return start(
                settings,
                BuyerSignalsJob.sources(settings, new Chaos.CheckoutRows(TableRows.CHECKOUTS)),
                Chaos.sinks(BuyerSignalsJob.sinks(settings, Chaos.SINKS)));
    }

    /** The production topology with the given sources and sinks, e.g. ones that fail on purpose. */
    JobClient start(JobSettings settings, BuyerSignalsTopology.Sources sources, BuyerSignalsTopology.Sinks sinks)
            throws Exception {
        StreamExecutionEnvironment env = BuyerSignalsJob.environment(settings);
        BuyerSignalsTopology.build(env, sources, sinks, settings.eventTime(), settings.replyWait());
        return env.executeAsync(database);
    }

    Connection connect() throws java.sql.SQLException {
        return Infrastructure.mariaDb().connect(database);
    }
}
