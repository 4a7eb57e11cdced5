package io.buyersignals.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Decimal;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium change records, as the MySQL CDC source hands them over, decoded by column name. */
class ChangeDecoderTest {
    private static final Schema ROW = SchemaBuilder.struct()
            .name("checkouts.Value")
            .optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("total_price", Decimal.builder(2).build())
            .field(
                    "created_at",
                    SchemaBuilder.int64().name("io.debezium.time.Timestamp").build())
            .field(
                    "completed_at",
                    SchemaBuilder.int64()
                            .name("io.debezium.time.Timestamp")
                            .optional()
                            .build())
            .field(
                    "seen_at",
                    SchemaBuilder.int64()
                            .name("io.debezium.time.MicroTimestamp")
                            .build())
            .field(
                    "zoned_at",
                    SchemaBuilder.string()
                            .name("io.debezium.time.ZonedTimestamp")
                            .build())
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .build();
    private static final Instant CREATED = Instant.parse("2026-11-22T10:15:30.123Z");

    private static Struct row(long id) {
        return new Struct(ROW)
                .put("id", id)
                .put("total_price", new BigDecimal("39.90"))
                .put("created_at", CREATED.toEpochMilli())
                .put("completed_at", null)
                .put("seen_at", CREATED.toEpochMilli() * 1000 + 456)
                .put("zoned_at", "2026-11-22T10:15:30.123Z");
    }

    private static SourceRecord record(String op, boolean before, boolean after, long tsMs) {
        Struct value = new Struct(ENVELOPE)
                .put("op", op)
                .put("source", new Struct(SOURCE).put("ts_ms", tsMs).put("table", "checkouts"));
        if (before) {
            value.put("before", row(7));
        }
        if (after) {
            value.put("after", row(7));
        }
        return new SourceRecord(null, null, "topic", null, null, null, ENVELOPE, value);
    }

    @Test
    void columnsAreReadByNameWithTemporalTypesAsInstants() {
        CdcChange change = ChangeDecoder.decode(record("u", true, true, 1_000));
        assertThat(change.op()).isEqualTo(CdcChange.Op.UPDATE);
        assertThat(change.table()).isEqualTo("checkouts");
        assertThat(change.changedAtMillis()).isEqualTo(1_000);
        assertThat(change.row())
                .containsEntry("id", 7L)
                .containsEntry("total_price", new BigDecimal("39.90"))
                .containsEntry("created_at", CREATED)
                .containsEntry("completed_at", null)
                .containsEntry("seen_at", CREATED.plusNanos(456_000))
                .containsEntry("zoned_at", CREATED);
        assertThat(change.raw()).contains("39.90");
    }

    @Test
    void eachOperationIsRecognisedAndADeleteCarriesTheRowBeforeIt() {
        assertThat(ChangeDecoder.decode(record("r", false, true, 0)).op()).isEqualTo(CdcChange.Op.SNAPSHOT);
        assertThat(ChangeDecoder.decode(record("c", false, true, 5)).op()).isEqualTo(CdcChange.Op.INSERT);
        CdcChange delete = ChangeDecoder.decode(record("d", true, false, 9));
        assertThat(delete.op()).isEqualTo(CdcChange.Op.DELETE);
        assertThat(delete.row()).containsEntry("id", 7L);
    }

    @Test
    void aRecordThatIsNotARowChangeIsSkippedAndABrokenOneIsReported() {
        Schema heartbeat =
                SchemaBuilder.struct().field("ts_ms", Schema.INT64_SCHEMA).build();
        assertThat(ChangeDecoder.decode(new SourceRecord(
                        null, null, "t", null, null, null, heartbeat, new Struct(heartbeat).put("ts_ms", 1L))))
                .isNull();
        assertThatThrownBy(() -> ChangeDecoder.decode(record("x", false, true, 0)))
                .hasMessage("unknown change operation x");
        assertThatThrownBy(() -> ChangeDecoder.decode(record("u", false, false, 0)))
                .hasMessage("the change carries no row image");
    }
}
