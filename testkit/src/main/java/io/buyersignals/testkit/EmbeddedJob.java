package io.buyersignals.testkit;

import io.buyersignals.job.JobOptions;
import io.buyersignals.job.JobSettings;
import java.util.HashMap;
import java.util.Map;

/** The job pointed at the embedded broker and database: one way for the local run, the tests and the benchmark. */
public final class EmbeddedJob {
    private EmbeddedJob() {}

    /** The connection options, in a map of its own for the caller to add the rest of its options to. */
    public static Map<String, String> connection(String bootstrapServers, EmbeddedMariaDb mariaDb, String database) {
        Map<String, String> options = new HashMap<>();
        options.put(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), bootstrapServers);
        options.put(JobOptions.MYSQL_HOSTNAME.key(), "127.0.0.1");
        options.put(JobOptions.MYSQL_PORT.key(), Integer.toString(mariaDb.port()));
        options.put(JobOptions.MYSQL_DATABASE.key(), database);
        options.put(JobOptions.MYSQL_USERNAME.key(), EmbeddedMariaDb.CDC_USER);
        return options;
    }

    /** The job's settings, with the CDC user's password where the job looks for it: its environment. */
    public static JobSettings settings(Map<String, String> options) {
        return JobSettings.from(options, Map.of(JobOptions.MYSQL_PASSWORD_ENV, EmbeddedMariaDb.CDC_PASSWORD));
    }
}
