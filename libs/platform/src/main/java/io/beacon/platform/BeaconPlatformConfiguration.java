package io.beacon.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;

/** Wires the shared clients; services declare no client configuration of their own. */
@AutoConfiguration
@EnableConfigurationProperties(BeaconProperties.class)
public class BeaconPlatformConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(BeaconProperties properties) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongo().uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, BeaconProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    CamundaClient camundaClient(BeaconProperties properties) {
        URI grpc = properties.zeebe().grpcAddress();
        var builder = CamundaClient.newClientBuilder()
                .grpcAddress(grpc)
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .defaultJobWorkerMaxJobsActive(32);
        if (properties.zeebe().restAddress() != null) {
            builder.restAddress(properties.zeebe().restAddress());
        }
        return builder.build();
    }

    @Bean
    OutcomePublisher outcomePublisher(StreamBridge streamBridge, org.springframework.core.env.Environment environment) {
        return new OutcomePublisher(streamBridge, "/beacon/" + environment.getProperty("spring.application.name", "unknown"));
    }
}
