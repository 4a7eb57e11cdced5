package io.buyersignals.model;

import java.nio.charset.StandardCharsets;

/** An input record the job could not use, with the reason. Partition and offset are null for file inputs. */
public class DeadLetter {
    /** Raw payloads are cut here so one huge bad record cannot blow up the dead-letter output. */
    public static final int MAX_RAW_BYTES = 64 * 1024;

    public String source;
    public Integer partition;
    public Long offset;
    public String error;
    public String raw;

    public DeadLetter() {}

    public DeadLetter(String source, Integer partition, Long offset, String error, String raw) {
        this.source = source;
        this.partition = partition;
        this.offset = offset;
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
