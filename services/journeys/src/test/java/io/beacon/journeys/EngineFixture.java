package io.beacon.journeys;

import com.mongodb.client.MongoClients;
import io.beacon.platform.EventPublisher;
import io.beacon.testkit.LocalInfrastructure;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The engine check of the journeys service on the embedded infrastructure: its MongoDB and Kafka, a database of the test's own. */
final class EngineFixture {

    private EngineFixture() {
    }

    static EngineRecovery recovery(LocalInfrastructure infra, CamundaClient client, JourneyDeployment deployment, String database) {
        var producer = new DefaultKafkaProducerFactory<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer());
        return new EngineRecovery(client, deployment, MongoClients.create(infra.mongoUri()).getDatabase(database),
                new EventPublisher(new KafkaTemplate<>(producer)), Clock.systemUTC());
    }
}
