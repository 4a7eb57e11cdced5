package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each operator's input watermark, from the cluster's REST API: what to look at when output does not come. */
final class JobWatermarks {
    private JobWatermarks() {}

    static Map<String, String> of(String restAddress, String jobId) {
        Map<String, String> watermarks = new LinkedHashMap<>();
        try {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode job = Json.MAPPER.readTree(get(http, restAddress + "/jobs/" + jobId));
            for (JsonNode vertex : job.get("vertices")) {
                watermarks.put(vertex.get("name").asText(), get(http, restAddress + "/jobs/" + jobId + "/vertices/"
                        + vertex.get("id").asText() + "/watermarks"));
            }
        } catch (Exception e) {
            watermarks.put("(unavailable)", e.toString());
        }
        return watermarks;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
