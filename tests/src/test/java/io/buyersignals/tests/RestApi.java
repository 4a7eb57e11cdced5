package io.buyersignals.tests;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GET requests to a Flink REST API (the MiniCluster's or the local run's Web UI). */
final class RestApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RestApi() {}

    static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static JsonNode json(String url) throws Exception {
        return Json.MAPPER.readTree(get(url));
    }
}
