package io.buyersignals.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import java.io.Serializable;

/** Reads one contract document from its JSON tree. */
@FunctionalInterface
public interface RecordReader<T> extends Serializable {
    T read(JsonNode root) throws BadInput;

    /** Never throws: whatever is wrong with the record becomes a dead letter naming the problem. */
    default Parsed<T> parse(String raw, String source, Integer partition, Long offset) {
        DeadLetter.Reason reason = DeadLetter.Reason.UNREADABLE;
        String error;
        try {
            JsonNode root = Json.MAPPER.readTree(raw);
            if (root == null || !root.isObject()) {
                error = "record must be a JSON object";
            } else {
                return Parsed.ok(read(root));
            }
        } catch (BadInput e) {
            reason = e.reason();
            error = e.getMessage();
        } catch (JacksonException e) {
            error = "record is not valid JSON: " + e.getOriginalMessage();
        } catch (RuntimeException e) {
            error = "record could not be read: " + e;
        }
        return Parsed.bad(new DeadLetter(source, partition, offset, reason, error, raw));
    }
}
