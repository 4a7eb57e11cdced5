package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How long a source has been idle (marked idle by its watermark generator), from the cluster's REST API. */
final class SourceIdleTime {
    private SourceIdleTime() {}

    /** The least idle time among the source's subtasks, in ms; 0 while any of them is active or not yet reporting. */
    static long millis(String jobUrl, String sourceVertex) throws Exception {
        for (JsonNode vertex : RestApi.json(jobUrl).path("vertices")) {
            if (vertex.path("name").asText().startsWith(sourceVertex)) {
                String metric = sourceVertex.replace(": ", "__") + ".sourceIdleTime";
                JsonNode values =
                        RestApi.json(jobUrl + "/vertices/" + vertex.path("id").asText()
                                + "/subtasks/metrics?agg=min&get=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
                return values.isArray() && !values.isEmpty()
                        ? values.get(0).path("min").asLong(0)
                        : 0;
            }
        }
        return 0;
    }
}
