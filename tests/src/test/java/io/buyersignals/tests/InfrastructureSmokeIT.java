package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real components start, take data and give it back. */
@ExtendWith(Infrastructure.class)
class InfrastructureSmokeIT {
    @Test
    void kafkaAndMariaDbAreReal() throws Exception {
        String topic = Infrastructure.uniqueName("smoke");
        Infrastructure.kafka().createTopics(1, topic);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            KafkaTopics.send(producer, topic, null, "k", "hello");
        }
        assertThat(KafkaTopics.readCommitted(topic, Duration.ofSeconds(30), r -> r.size() == 1))
                .extracting(r -> r.value())
                .containsExactly("hello");

        try (Connection c = Infrastructure.mariaDb().connect("buyer_signals");
                Statement s = c.createStatement();
                ResultSet binlog = s.executeQuery("SHOW VARIABLES LIKE 'log_bin'")) {
            assertThat(binlog.next()).isTrue();
            assertThat(binlog.getString(2)).isEqualTo("ON");
        }
    }
}
