package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.cdc.MySqlCdcSources;
import io.buyersignals.cdc.MySqlConnection;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.TableRows;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Parsed;
import io.buyersignals.serde.TypeInfos;
import io.buyersignals.testkit.CheckoutTable;
import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checkouts CDC source against a real MariaDB with the least-privilege CDC user: the rows that exist when it
 * starts arrive as snapshot rows (which carry no event time), then binlog inserts, updates and deletes follow in
 * commit order, and a row that breaks the contract becomes a dead letter.
 */
@ExtendWith(Infrastructure.class)
class CdcSourceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long T = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void snapshotThenBinlogInsertsUpdatesAndDeletes(int parallelism) throws Exception {
        String database = Infrastructure.uniqueName("cdc");
        Infrastructure.mariaDb().createDatabase(database);
        try (Connection db = Infrastructure.mariaDb().connect(database)) {
            // Newest first by id: the snapshot's key order is the reverse of event-time order.
            for (int id = 1; id <= 6; id++) {
                CheckoutTable.upsert(db, row(id, T - id * 60_000L, "10.00", null));
            }
        }

        int serverIds = 5500 + 10 * parallelism;
        Reading reading = Reading.start(
                database,
                parallelism,
                serverIds + "-" + (serverIds + parallelism - 1),
                MySqlCdcSources.Startup.SNAPSHOT_THEN_BINLOG);
        List<Parsed<CheckoutRow>> read = reading.read();
        try {
            Deadline.await("the six snapshot rows", WAIT, () -> read.size() >= 6);
            try (Connection db = Infrastructure.mariaDb().connect(database);
                    Statement sql = db.createStatement()) {
                CheckoutTable.upsert(db, row(7, T, "70.00", null));
                CheckoutTable.upsert(db, row(3, T + 1_000, "33.00", T + 1_000));
                sql.executeUpdate("DELETE FROM checkouts WHERE id = 5");
                // The database allows it; the contract does not.
                sql.executeUpdate("UPDATE checkouts SET updated_at = '2000-01-01 00:00:00.000' WHERE id = 6");
            }
            Deadline.await("four binlog changes", WAIT, () -> read.size() >= 10);

            List<Parsed<CheckoutRow>> snapshot = List.copyOf(read.subList(0, 6));
            assertThat(snapshot).allMatch(p -> p.isValid() && p.fromSnapshot);
            assertThat(snapshot).extracting(p -> p.value.id).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(snapshot).allMatch(p -> p.value.updatedAt == T - p.value.id * 60_000L);

            List<Parsed<CheckoutRow>> binlog = List.copyOf(read.subList(6, 10));
            assertThat(binlog.subList(0, 3)).allMatch(p -> p.isValid() && !p.fromSnapshot);
            assertThat(binlog.get(0).value.id).isEqualTo(7);
            assertThat(binlog.get(0).value.totalPrice).isEqualByComparingTo("70.00");
            assertThat(binlog.get(1).value.id).isEqualTo(3);
            assertThat(binlog.get(1).value.completedAt).isEqualTo(T + 1_000);
            assertThat(binlog.get(1).value.orderId).isEqualTo(3003);
            assertThat(binlog.get(2).value.id).isEqualTo(5);
            assertThat(binlog.get(2).value.deleted).isTrue();
            assertThat(binlog.get(3).isValid()).isFalse();
            assertThat(binlog.get(3).deadLetter.error).isEqualTo("updated_at precedes created_at");
            assertThat(binlog.get(3).deadLetter.source).isEqualTo("mysql:checkouts");
        } finally {
            reading.stop();
        }
    }

    @org.junit.jupiter.api.Test
    void theWholeBinlogGivesEveryVersionOfTheRowsWrittenBeforeTheStartWithItsEventTime() throws Exception {
        String database = Infrastructure.uniqueName("cdc");
        Infrastructure.mariaDb().createDatabase(database);
        try (Connection db = Infrastructure.mariaDb().connect(database)) {
            // Milliseconds: the binlog's temporal types carry them only with their fractional precision.
            CheckoutTable.upsert(db, row(1, T - 60_304, "10.00", null));
            CheckoutTable.upsert(db, row(2, T - 30_001, "20.00", null));
            CheckoutTable.upsert(db, row(1, T + 999, "10.00", T + 999));
        }
        Reading reading = Reading.start(database, 1, "5530", MySqlCdcSources.Startup.WHOLE_BINLOG);
        List<Parsed<CheckoutRow>> read = reading.read();
        try {
            Deadline.await("three binlog changes", WAIT, () -> read.size() >= 3);
            List<Parsed<CheckoutRow>> first = List.copyOf(read.subList(0, 3));
            assertThat(first).allMatch(p -> p.isValid() && !p.fromSnapshot);
            assertThat(first).extracting(p -> p.value.id).containsExactly(1L, 2L, 1L);
            assertThat(first).extracting(p -> p.value.updatedAt).containsExactly(T - 60_304, T - 30_001, T + 999);
            assertThat(first.get(2).value.completedAt).isEqualTo(T + 999);
        } finally {
            reading.stop();
        }
    }

    /** The checkouts source of {@code database} in a job of its own, its records collected as they come. */
    private record Reading(
            JobClient job, CloseableIterator<Parsed<CheckoutRow>> changes, List<Parsed<CheckoutRow>> read) {
        static Reading start(String database, int parallelism, String serverIds, MySqlCdcSources.Startup startup)
                throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.enableCheckpointing(500);
            MySqlConnection connection = new MySqlConnection(
                    "127.0.0.1",
                    Infrastructure.mariaDb().port(),
                    database,
                    EmbeddedMariaDb.CDC_USER,
                    EmbeddedMariaDb.CDC_PASSWORD,
                    "UTC");
            CloseableIterator<Parsed<CheckoutRow>> changes = env.fromSource(
                            MySqlCdcSources.table(
                                    connection,
                                    MySqlCdcSources.CHECKOUTS,
                                    serverIds,
                                    startup,
                                    TableRows.CHECKOUTS,
                                    TypeInfos.PARSED_CHECKOUT_ROW),
                            WatermarkStrategy.noWatermarks(),
                            "checkouts")
                    .uid("source-checkouts")
                    .collectAsync();
            JobClient job = env.executeAsync("cdc-" + database);
            List<Parsed<CheckoutRow>> read = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> changes.forEachRemaining(read::add), "cdc-reader");
            reader.setDaemon(true);
            reader.start();
            return new Reading(job, changes, read);
        }

        void stop() throws Exception {
            Jobs.stop(job);
            changes.close();
        }
    }

    /** A checkout row in the replay's JSON form; completed rows carry an order. */
    private static String row(long id, long updatedAt, String total, Long completedAt) {
        ObjectNode row = Json.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("shop_id", 42)
                .put("buyer_token", "b-" + id)
                .put("cart_token", "c-" + id)
                .put("currency", "USD")
                .put("total_price", total)
                .put("created_at", Json.timestamp(Math.min(updatedAt, T) - 3_600_000))
                .put("updated_at", Json.timestamp(updatedAt));
        if (completedAt == null) {
            row.putNull("order_id").putNull("order_number").putNull("completed_at");
        } else {
            row.put("order_id", 3000 + id)
                    .put("order_number", "#" + (3000 + id))
                    .put("completed_at", Json.timestamp(completedAt));
        }
        return row.toString();
    }
}
