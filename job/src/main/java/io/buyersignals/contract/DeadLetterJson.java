package io.buyersignals.contract;

import io.buyersignals.model.DeadLetter;

/** Writes dead letters, fields in the order of their schema. */
public final class DeadLetterJson {
    public static final String SCHEMA = "dead_letter";
    public static final int VERSION = 1;

    private DeadLetterJson() {}

    public static String write(DeadLetter d) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("source", d.source);
            g.writeFieldName("partition");
            if (d.partition == null) {
                g.writeNull();
            } else {
                g.writeNumber(d.partition);
            }
            g.writeFieldName("offset");
            if (d.offset == null) {
                g.writeNull();
            } else {
                g.writeNumber(d.offset);
            }
            g.writeStringField("error", d.error);
            g.writeStringField("raw", d.raw);
            g.writeEndObject();
        });
    }
}
