package io.buyersignals.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;

/** Turns a Debezium change record into a {@link CdcChange}, reading columns by name. */
public final class ChangeDecoder {
    private ChangeDecoder() {}

    /** The change, or null when the record is not a row change (a heartbeat or a schema change). */
    public static CdcChange decode(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        CdcChange.Op op = switch (value.getString("op")) {
            case "r" -> CdcChange.Op.SNAPSHOT;
            case "c" -> CdcChange.Op.INSERT;
            case "u" -> CdcChange.Op.UPDATE;
            case "d" -> CdcChange.Op.DELETE;
            default -> throw new IllegalArgumentException("unknown change operation " + value.getString("op"));
        };
        Struct row = value.getStruct(op == CdcChange.Op.DELETE ? "before" : "after");
        if (row == null) {
            throw new IllegalArgumentException("the change carries no row image");
        }
        Struct source = value.getStruct("source");
        Long changedAt = source == null ? null : source.getInt64("ts_ms");
        String table = source == null ? null : source.getString("table");
        return new CdcChange(op, table, columns(row), changedAt == null ? 0 : changedAt, value.toString());
    }

    private static Map<String, Object> columns(Struct row) {
        Map<String, Object> columns = new HashMap<>();
        for (Field field : row.schema().fields()) {
            columns.put(field.name(), convert(field.schema(), row.get(field)));
        }
        return columns;
    }

    /** Debezium encodes temporal columns as numbers or strings named by their logical type. */
    private static Object convert(Schema schema, Object value) {
        if (value == null || schema.name() == null) {
            return value;
        }
        return switch (schema.name()) {
            case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli((Long) value);
            case "io.debezium.time.MicroTimestamp" -> Instant.EPOCH.plusNanos((Long) value * 1_000);
            case "io.debezium.time.NanoTimestamp" -> Instant.EPOCH.plusNanos((Long) value);
            case "io.debezium.time.ZonedTimestamp" -> Instant.parse((String) value);
            case "org.apache.kafka.connect.data.Decimal" -> (BigDecimal) value;
            default -> value;
        };
    }
}
