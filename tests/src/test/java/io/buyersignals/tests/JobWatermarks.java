package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each operator's input watermark, from the cluster's REST API: what to look at when output does not come. */
final class JobWatermarks {
    private JobWatermarks() {}

    static Map<String, String> of(String restAddress, String jobId) {
        Map<String, String> watermarks = new LinkedHashMap<>();
        try {
            JsonNode job = RestApi.json(restAddress + "/jobs/" + jobId);
            for (JsonNode vertex : job.get("vertices")) {
                watermarks.put(
                        vertex.get("name").asText(),
                        RestApi.get(restAddress + "/jobs/" + jobId + "/vertices/"
                                + vertex.get("id").asText() + "/watermarks"));
            }
        } catch (Exception e) {
            watermarks.put("(unavailable)", e.toString());
        }
        return watermarks;
    }
}
