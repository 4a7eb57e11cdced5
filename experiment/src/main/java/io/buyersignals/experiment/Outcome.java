package io.buyersignals.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The fields of a {@code conversation_outcome} document (docs/contract.md, rule 13) that the read-out uses. Read
 * from the public document, not the job's classes, as any consumer of the topic would.
 */
public record Outcome(
        String conversationId,
        long shopId,
        Arm arm,
        Instant startedAt,
        Instant endedAt,
        boolean buyerWrote,
        boolean replied,
        Long responseTimeMs,
        boolean converted,
        BigDecimal revenue,
        String currency) {

    public enum Arm {
        CONTROL,
        TREATMENT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One document; throws with a reason when it is not a conversation outcome. */
    public static Outcome parse(String json) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (doc == null || !"conversation_outcome".equals(doc.path("schema").asText())) {
            throw new IllegalArgumentException("schema is not conversation_outcome");
        }
        try {
            String arm = doc.path("arm").asText(null);
            boolean replied = doc.path("replied").asBoolean();
            return new Outcome(
                    doc.get("conversation_id").asText(),
                    doc.get("shop_id").asLong(),
                    arm == null ? null : Arm.valueOf(arm.toUpperCase(java.util.Locale.ROOT)),
                    Instant.parse(doc.get("started_at").asText()),
                    Instant.parse(doc.get("ended_at").asText()),
                    !doc.path("first_buyer_message_at").isNull(),
                    replied,
                    replied ? doc.get("response_time_ms").asLong() : null,
                    doc.path("converted").asBoolean(),
                    new BigDecimal(doc.get("revenue").asText()),
                    doc.path("currency").asText(null));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a field is missing or malformed (" + e.getMessage() + ")");
        }
    }
}
