package io.buyersignals.model;

import java.nio.charset.StandardCharsets;

/** An input record the job could not use, with the reason. Partition and offset are null for file inputs. */
public class DeadLetter {
    /** Raw payloads are cut here so one huge bad record cannot blow up the dead-letter output. */
    public static final int MAX_RAW_BYTES = 64 * 1024;

    /** Why a record is unusable, coarsely: the label of the dead-letter metric. The error says it precisely. */
    public enum Reason {
        /** Not a record at all: no value, not UTF-8, not JSON, not an object, or an undecodable change. */
        UNREADABLE,
        /** A schema or version this job does not read. */
        UNSUPPORTED_SCHEMA,
        /** A field that breaks the contract: missing, wrong type, out of range, inconsistent. */
        CONTRACT,
        /** Dated further in the future than the allowed clock skew. */
        FUTURE_TIME;

        public String metricName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String source;
    public Integer partition;
    public Long offset;
    public Reason reason;
    public String error;
    public String raw;

    public DeadLetter() {}

    public DeadLetter(String source, Integer partition, Long offset, Reason reason, String error, String raw) {
        this.source = source;
        this.partition = partition;
        this.offset = offset;
        this.reason = reason;
        this.error = error;
        this.raw = truncate(raw);
    }

    static String truncate(String raw) {
        if (raw == null || raw.length() <= MAX_RAW_BYTES / 4) {
            return raw;
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_RAW_BYTES) {
            return raw;
        }
        // Decoding a cut UTF-8 sequence yields a replacement character at worst, never an exception.
        return new String(bytes, 0, MAX_RAW_BYTES, StandardCharsets.UTF_8);
    }
}
