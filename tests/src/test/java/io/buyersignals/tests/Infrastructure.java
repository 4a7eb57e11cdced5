package io.buyersignals.tests;

import io.buyersignals.testkit.Directories;
import io.buyersignals.testkit.EmbeddedMariaDb;
import io.buyersignals.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one real MariaDB for the whole test run, started on free ports by the first test class
 * that needs them and stopped when the run ends, whatever happened. Each test gets its own database and topics.
 */
public final class Infrastructure implements BeforeAllCallback {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Running running;

    private record Running(Path directory, KafkaBroker kafka, EmbeddedMariaDb mariaDb)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try (kafka;
                    mariaDb) {
                // both stopped, even if one fails to
            } finally {
                Directories.deleteRecursively(directory);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Infrastructure.class) {
            if (running == null) {
                Path directory = Files.createTempDirectory("buyer-signals-it-");
                KafkaBroker kafka = KafkaBroker.start(directory.resolve("kafka"));
                EmbeddedMariaDb mariaDb;
                try {
                    mariaDb = EmbeddedMariaDb.start(directory.resolve("mariadb"));
                } catch (RuntimeException e) {
                    kafka.close();
                    throw e;
                }
                running = new Running(directory, kafka, mariaDb);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Infrastructure.class, running);
            }
        }
    }

    public static KafkaBroker kafka() {
        return running.kafka();
    }

    public static EmbeddedMariaDb mariaDb() {
        return running.mariaDb();
    }

    /** A name no other test in this run uses, for databases, topics and transactional ids. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }
}
