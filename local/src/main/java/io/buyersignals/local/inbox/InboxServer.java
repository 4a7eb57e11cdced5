package io.buyersignals.local.inbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The local run's inbox preview: a page (plain HTML and JavaScript, no build step) and a stream of server-sent events
 * carrying the {@link InboxFeed}'s messages, served by the JDK's HTTP server on the loopback address only.
 */
public final class InboxServer implements AutoCloseable {
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/inbox.js", "inbox.js",
            "/inbox.css", "inbox.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    /** A comment line now and then, so a stream whose browser has gone away fails and ends. */
    private static final long KEEP_ALIVE_SECONDS = 15;

    private final HttpServer server;
    private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "inbox-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final InboxFeed feed;

    /**
     * @param port 0 for a free one
     * @param topics topic name by kind: {@code context}, {@code signal}, {@code alert}
     */
    public InboxServer(int port, String bootstrapServers, Map<String, String> topics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        feed = new InboxFeed(bootstrapServers, topics);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.setExecutor(streams);
        server.start();
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public int liveConversations() {
        return feed.liveConversations();
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            String resource = PAGES.get(exchange.getRequestURI().getPath());
            if (resource == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = InboxServer.class.getResourceAsStream("/inbox/" + resource)) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", TYPES.get(resource.substring(resource.indexOf('.') + 1)));
            // The page runs only its own script: nothing from an event can become code.
            exchange.getResponseHeaders()
                    .set("Content-Security-Policy", "default-src 'self'; img-src 'none'; object-src 'none'");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Server-sent events: what the inbox holds now, then each record as it is committed. */
    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Runnable stop = feed.listen(queue::add);
        try (OutputStream out = exchange.getResponseBody()) {
            while (!Thread.currentThread().isInterrupted()) {
                String message = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                out.write((message == null ? ": keep-alive\n\n" : "data: " + message + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the server stops
        } finally {
            stop.run();
            exchange.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        streams.shutdownNow();
        feed.close();
    }
}
