package io.buyersignals.cdc;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;

/** Flink CDC sources over one table each: an incremental snapshot of the existing rows, then the binlog. */
public final class MySqlCdcSources {
    public static final String CHECKOUTS = "checkouts";
    public static final String SHOPS = "shops";

    /** How often the binlog client checks its connection; Debezium's default (60 s) stalls the job a minute or more. */
    static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(5);

    /**
     * How long Debezium's queue holds records back before handing them over (unless 2,048 have gathered). At its
     * default, 500 ms, every binlog row could wait half a second, and the snapshot reader waited about a second
     * after each 8,096-row chunk, on an empty queue (about 7,400 rows/s). Each poll costs the reader's thread CPU
     * even when nothing changed: at 10 ms the two readers took about 4 µs per input record of the benchmark's job.
     */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /** Where a table's reader starts. */
    public enum Startup {
        /** A snapshot of the existing rows (without event time), then the binlog: for any table. */
        SNAPSHOT_THEN_BINLOG,
        /**
         * The whole binlog from its earliest position, no snapshot: every row arrives as the change that wrote it,
         * with its event time. Only for a table whose every row is still in the binlog (a new database).
         */
        WHOLE_BINLOG
    }

    private MySqlCdcSources() {}

    private static Properties debeziumProperties() {
        Properties properties = new Properties();
        properties.setProperty("connect.keep.alive.interval.ms", Long.toString(KEEP_ALIVE_INTERVAL.toMillis()));
        properties.setProperty("poll.interval.ms", Long.toString(POLL_INTERVAL.toMillis()));
        return properties;
    }

    /**
     * @param serverIds one MySQL server id per parallel reader, e.g. "5400" or "5400-5403"; unique among all binlog
     *     clients of the database
     */
    public static <T> MySqlSource<T> table(
            MySqlConnection connection,
            String table,
            String serverIds,
            Startup startup,
            ChangeMapper<T> mapper,
            TypeInformation<T> type) {
        return MySqlSource.<T>builder()
                .hostname(connection.hostname())
                .port(connection.port())
                .databaseList(connection.database())
                .tableList(connection.database() + "." + table)
                .username(connection.username())
                .password(connection.password())
                .serverId(serverIds)
                .serverTimeZone(connection.serverTimeZone())
                .startupOptions(startup == Startup.WHOLE_BINLOG ? StartupOptions.earliest() : StartupOptions.initial())
                .deserializer(new ChangeDeserializer<>(mapper, type))
                .debeziumProperties(debeziumProperties())
                // After the snapshot only one reader holds the binlog; the others finish, so they cannot hold the
                // watermark back.
                .closeIdleReaders(true)
                .build();
    }
}
