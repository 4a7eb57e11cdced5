package io.buyersignals.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** One configured Jackson mapper for the whole job (building mappers is expensive) and the timestamp format. */
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
}
