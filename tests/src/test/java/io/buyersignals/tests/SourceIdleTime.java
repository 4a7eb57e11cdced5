package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** How long a source has been idle (marked idle by its watermark generator), from the cluster's REST API. */
final class SourceIdleTime {
    private SourceIdleTime() {}

    /** The least idle time among the source's subtasks, in ms; 0 while any of them is active or not yet reporting. */
    static long millis(String jobUrl, String sourceVertex) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (JsonNode vertex : get(http, jobUrl).path("vertices")) {
            if (vertex.path("name").asText().startsWith(sourceVertex)) {
                String metric = sourceVertex.replace(": ", "__") + ".sourceIdleTime";
                JsonNode values = get(http, jobUrl + "/vertices/" + vertex.path("id").asText()
                        + "/subtasks/metrics?agg=min&get=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
                return values.isArray() && !values.isEmpty() ? values.get(0).path("min").asLong(0) : 0;
            }
        }
        return 0;
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Json.MAPPER.readTree(body);
    }
}
