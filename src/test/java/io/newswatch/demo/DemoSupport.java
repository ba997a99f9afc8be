package io.newswatch.demo;

import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends one article the way any producer would. */
final class DemoSupport {

    private DemoSupport() {
    }

    static void send(String bootstrap, String id, String title, String body) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("news.articles", id.getBytes(StandardCharsets.UTF_8),
                    Json.mapper().writeValueAsBytes(new Article(id, null, "test", title, body, "en", null)))).get();
        }
    }
}
