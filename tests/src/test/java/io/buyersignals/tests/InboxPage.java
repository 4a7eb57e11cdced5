package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.job.JobOptions;
import io.buyersignals.testkit.Deadline;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The local run's inbox preview in a real headless browser (Debian's chromium and chromedriver), against the
 * running pipeline: what the page shows is compared with what a read_committed consumer of the context topic holds.
 */
final class InboxPage implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String HOSTILE_CONVERSATION = "conv-hostile";
    /** A product title a hostile client might send: it must be shown as these characters and never run. */
    static final String HOSTILE_TITLE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    private final ChromeDriver browser;
    private final String bootstrapServers;
    private final Map<String, JsonNode> contexts = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread follower;
    private volatile boolean following = true;

    InboxPage(String address, String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get(address);
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "inbox-page-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(JobOptions.TOPIC_CONTEXT.defaultValue()));
        follower = new Thread(this::follow, "inbox-test-consumer");
        follower.start();
    }

    private void follow() {
        try {
            while (following) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() == null) {
                        contexts.remove(r.key());
                    } else {
                        contexts.put(r.key(), Json.MAPPER.readTree(r.value()));
                    }
                }
            }
        } catch (Exception e) {
            if (following) {
                throw new IllegalStateException("Following the context topic failed", e);
            }
        } finally {
            consumer.close();
        }
    }

    /** Some conversation whose cart the simulator changed during it: the page shows that cart, item for item. */
    String showsACartTheSimulatorChanged() {
        return Deadline.await("the page to show a cart changed during its conversation", WAIT, () -> {
            for (Map.Entry<String, JsonNode> c : contexts.entrySet()) {
                JsonNode cart = c.getValue().path("cart");
                if (!cart.isObject()
                        || c.getValue().path("cart_changed_at").asText().compareTo(startedAt(c.getValue())) < 0) {
                    continue;
                }
                List<String> items = StreamSupport.stream(
                                cart.path("line_items").spliterator(), false)
                        .map(item -> item.path("title").asText() + " × "
                                + item.path("quantity").asInt())
                        .toList();
                if (texts(c.getKey(), ".item").equals(items)) {
                    return c.getKey();
                }
            }
            return null;
        });
    }

    /** Some conversation in which the buyer ordered: the page shows the order. */
    String showsAnOrderCompletedInItsConversation() {
        return Deadline.await("the page to show an order completed during its conversation", WAIT, () -> {
            for (Map.Entry<String, JsonNode> c : contexts.entrySet()) {
                for (JsonNode order : c.getValue().path("orders")) {
                    if (order.path("completed_at").asText().compareTo(startedAt(c.getValue())) >= 0
                            && texts(c.getKey(), ".order").stream()
                                    .anyMatch(text -> text.startsWith(
                                            order.path("order_number").asText() + " · "))) {
                        return c.getKey();
                    }
                }
            }
            return null;
        });
    }

    /** A conversation whose cart holds {@link #HOSTILE_TITLE}: shown as text, nothing of it runs. */
    void showsAHostileTitleAsText() throws Exception {
        String now = Json.timestamp(System.currentTimeMillis());
        ObjectNode chat = envelope("chat_event", "hostile-1", now);
        chat.put("conversation_id", HOSTILE_CONVERSATION).put("type", "conversation_started");
        chat.put("channel", "online_store_chat");
        ObjectNode cart = envelope("cart_snapshot", "hostile-2", now);
        cart.put("cart_token", "c-hostile").put("currency", "USD");
        cart.putArray("line_items")
                .addObject()
                .put("variant_id", 1)
                .put("product_id", 1)
                .put("title", HOSTILE_TITLE)
                .put("quantity", 1)
                .put("unit_price", "1.00");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            JobOptions.TOPIC_CHAT_EVENTS.defaultValue(), "b-hostile", chat.toString()))
                    .get();
            producer.send(new ProducerRecord<>(
                            JobOptions.TOPIC_CART_EVENTS.defaultValue(), "b-hostile", cart.toString()))
                    .get();
        }
        Deadline.await(
                "the page to show the hostile title",
                WAIT,
                () -> texts(HOSTILE_CONVERSATION, ".item").equals(List.of(HOSTILE_TITLE + " × 1")));
        assertThat(browser.findElements(By.cssSelector("#conversations img, #conversations script")))
                .as("elements made from event text")
                .isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
                .as("nothing of the title ran")
                .isEqualTo(true);
    }

    /** The conversations in the order the page shows them: by priority, highest first. */
    List<Integer> priorities() {
        List<Integer> priorities = new ArrayList<>();
        for (WebElement card : browser.findElements(By.cssSelector("[data-conversation]"))) {
            priorities.add(Integer.parseInt(card.getAttribute("data-priority")));
        }
        return priorities;
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private List<String> texts(String conversation, String selector) {
        return browser.findElements(By.cssSelector("[data-conversation='" + conversation + "'] " + selector)).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String startedAt(JsonNode context) {
        return context.path("conversation_started_at").asText();
    }

    private static ObjectNode envelope(String schema, String eventId, String at) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema", schema).put("version", 1).put("event_id", eventId);
        doc.put("shop_id", 1).put("buyer_token", "b-hostile").put("occurred_at", at);
        return doc;
    }

    @Override
    public void close() throws InterruptedException {
        following = false;
        follower.join(10_000);
        browser.quit();
    }
}
