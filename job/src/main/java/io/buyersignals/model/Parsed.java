package io.buyersignals.model;

/**
 * What a source yields: a usable value or a dead letter, never an exception. Sources produce this so that bad
 * input is routed, counted and kept instead of failing the job.
 */
public class Parsed<T> {
    public T value;
    public DeadLetter deadLetter;
    /**
     * Read by a table's initial snapshot: snapshot rows come in key order, not time order, so they must not move
     * the watermark.
     */
    public boolean fromSnapshot;

    public Parsed() {}

    public static <T> Parsed<T> ok(T value) {
        Parsed<T> p = new Parsed<>();
        p.value = value;
        return p;
    }

    public static <T> Parsed<T> bad(DeadLetter deadLetter) {
        Parsed<T> p = new Parsed<>();
        p.deadLetter = deadLetter;
        return p;
    }

    public static <T> Parsed<T> fromSnapshot(T value) {
        Parsed<T> p = ok(value);
        p.fromSnapshot = true;
        return p;
    }

    public boolean isValid() {
        return deadLetter == null;
    }
}
