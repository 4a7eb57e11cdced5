package io.buyersignals.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One configured Jackson mapper for the whole job (building mappers is expensive), the timestamp format, and how the
 * writers render a document.
 */
public final class Json {
    /** Strict: duplicate keys and trailing garbage are errors, so they reach the dead-letter output. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private Json() {}

    /** ISO-8601 UTC with exactly three fraction digits, as in the contract. */
    public static String timestamp(long epochMillis) {
        return Timestamps.format(epochMillis);
    }

    /** Writes one document with a generator; the writers choose the field order. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String render(Body body) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        return text.toString();
    }
}
