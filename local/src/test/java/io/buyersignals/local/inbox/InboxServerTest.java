package io.buyersignals.local.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preview's server on its own (its feed pointed at no broker): what it serves, and where it listens. */
class InboxServerTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesThePageOnTheLoopbackAddressOnlyWithAPolicyThatRunsNothingButItsOwnScript() throws Exception {
        try (InboxServer server = new InboxServer(0, "127.0.0.1:1", Map.of("buyer-context", "context"))) {
            URI address = URI.create(server.address());
            assertThat(InetAddress.getByName(address.getHost()).isLoopbackAddress())
                    .isTrue();

            HttpResponse<String> page = get(address);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'self'; img-src 'none'; object-src 'none'");
            assertThat(page.body()).contains("<script src=\"inbox.js\" defer></script>");

            String script = get(address.resolve("inbox.js")).body();
            assertThat(script).contains("textContent").doesNotContain("innerHTML", "insertAdjacentHTML", "eval(");

            assertThat(get(address.resolve("anything-else")).statusCode()).isEqualTo(404);
            // A stream that never ends: its headers arrive at once, then it is closed from this side.
            HttpResponse<java.io.InputStream> events = http.send(
                    HttpRequest.newBuilder(address.resolve("events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            events.body().close();
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
