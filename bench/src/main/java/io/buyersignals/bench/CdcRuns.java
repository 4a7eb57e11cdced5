package io.buyersignals.bench;

import io.buyersignals.cdc.MySqlCdcSources;
import io.buyersignals.cdc.MySqlConnection;
import io.buyersignals.contract.TableRows;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import io.buyersignals.serde.TypeInfos;
import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The initial snapshot of the checkouts table through Flink CDC, against a plain JDBC scan of the same rows. */
final class CdcRuns {
    /** Rows the CDC job has read; the cluster runs in this JVM. */
    private static final AtomicLong READ = new AtomicLong();

    /** The same rows read by a plain JDBC scan, and by Flink CDC's snapshot with each number of readers. */
    record Snapshot(long rows, double jdbcSeconds, Map<Integer, Double> cdcSecondsByReaders) {}

    private static final String DATABASE = "bench_cdc";

    private final EmbeddedMariaDb mariaDb;

    CdcRuns(EmbeddedMariaDb mariaDb) {
        this.mariaDb = mariaDb;
    }

    Snapshot snapshot(int rows, List<Integer> readers) throws Exception {
        mariaDb.createDatabase(DATABASE);
        double jdbc;
        try (Connection db = mariaDb.connect(DATABASE)) {
            insert(db, rows);
            Instant start = Instant.now();
            long scanned = scan(db);
            jdbc = BenchRuns.seconds(start, Instant.now());
            if (scanned != rows) {
                throw new IllegalStateException("JDBC read " + scanned + " of " + rows + " rows");
            }
        }
        Map<Integer, Double> cdc = new LinkedHashMap<>();
        for (int count : readers) {
            cdc.put(count, cdc(rows, count));
        }
        return new Snapshot(rows, jdbc, cdc);
    }

    private static void insert(Connection db, int rows) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO checkouts (id, shop_id, buyer_token,"
                + " cart_token, currency, total_price, created_at, updated_at) VALUES (?, 1, ?, ?, 'USD', ?, ?, ?)")) {
            Timestamp at = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
            for (int id = 1; id <= rows; id++) {
                insert.setLong(1, id);
                insert.setString(2, "b-" + id % 50_000);
                insert.setString(3, "c-" + id);
                insert.setString(4, (id % 500) + ".00");
                insert.setTimestamp(5, at);
                insert.setTimestamp(6, at);
                insert.addBatch();
                if (id % 5_000 == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Every row, streamed (MySQL Connector/J streams with a fetch size of Integer.MIN_VALUE). */
    private static long scan(Connection db) throws Exception {
        long count = 0;
        try (Statement select = db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rows = select.executeQuery("SELECT * FROM checkouts")) {
                while (rows.next()) {
                    rows.getLong("id");
                    rows.getString("buyer_token");
                    rows.getBigDecimal("total_price");
                    rows.getTimestamp("updated_at");
                    count++;
                }
            }
        }
        return count;
    }

    private double cdc(int rows, int readers) throws Exception {
        READ.set(0);
        Configuration flink = new Configuration();
        flink.setString("execution.checkpointing.interval", "2 s");
        flink.setString("parallelism.default", Integer.toString(readers));
        MySqlConnection connection = new MySqlConnection(
                "127.0.0.1", mariaDb.port(), DATABASE, EmbeddedMariaDb.CDC_USER, EmbeddedMariaDb.CDC_PASSWORD, "UTC");
        // A server id per reader, and other ids than the last run's, whose binlog client may still be leaving.
        int firstId = 5900 + 10 * readers;
        String serverIds = readers == 1 ? Integer.toString(firstId) : firstId + "-" + (firstId + readers - 1);
        try (BenchCluster cluster = new BenchCluster(flink, readers)) {
            cluster.run(
                    flink,
                    env -> env.fromSource(
                                    MySqlCdcSources.table(
                                            connection,
                                            MySqlCdcSources.CHECKOUTS,
                                            serverIds,
                                            MySqlCdcSources.Startup.SNAPSHOT_THEN_BINLOG,
                                            TableRows.CHECKOUTS,
                                            TypeInfos.PARSED_CHECKOUT_ROW),
                                    WatermarkStrategy.noWatermarks(),
                                    "checkouts")
                            .uid("source-checkouts")
                            .map(new Count(), TypeInfos.PARSED_CHECKOUT_ROW)
                            .uid("count")
                            .sinkTo(new DiscardingSink<>())
                            .uid("discard"),
                    "cdc-snapshot");
            Instant start = Instant.now();
            Deadline.await(rows + " snapshot rows", Duration.ofMinutes(20), () -> READ.get() >= rows);
            return BenchRuns.seconds(start, Instant.now());
        }
    }

    private static final class Count implements MapFunction<Parsed<CheckoutRow>, Parsed<CheckoutRow>> {
        @Override
        public Parsed<CheckoutRow> map(Parsed<CheckoutRow> row) {
            READ.incrementAndGet();
            return row;
        }
    }
}
