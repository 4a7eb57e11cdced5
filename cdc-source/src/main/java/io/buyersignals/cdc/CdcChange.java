package io.buyersignals.cdc;

import java.util.Map;

/**
 * One row change read from the binlog or the initial snapshot, with column values by name: Java types, and
 * {@link java.time.Instant} for DATETIME/TIMESTAMP columns. Lives only inside the source's deserializer.
 */
public final class CdcChange {
    public enum Op {
        /** A row read by the initial snapshot: rows come in key order, and carry no real change time. */
        SNAPSHOT,
        INSERT,
        UPDATE,
        DELETE
    }

    private final Op op;
    private final String table;
    private final Map<String, Object> row;
    private final long changedAtMillis;
    private final String raw;

    public CdcChange(Op op, String table, Map<String, Object> row, long changedAtMillis, String raw) {
        this.op = op;
        this.table = table;
        this.row = row;
        this.changedAtMillis = changedAtMillis;
        this.raw = raw;
    }

    public Op op() {
        return op;
    }

    public String table() {
        return table;
    }

    /** The row after the change, or before it for a delete. */
    public Map<String, Object> row() {
        return row;
    }

    /** When the change was written to the binlog; 0 for snapshot rows. */
    public long changedAtMillis() {
        return changedAtMillis;
    }

    /** The change as Debezium rendered it, for dead letters. */
    public String raw() {
        return raw;
    }
}
