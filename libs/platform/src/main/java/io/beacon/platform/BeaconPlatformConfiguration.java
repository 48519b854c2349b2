package io.beacon.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the shared clients; services declare no client configuration of their own. */
@AutoConfiguration
@EnableConfigurationProperties({BeaconProperties.class, ServiceSecurityProperties.class, ChangesProperties.class})
public class BeaconPlatformConfiguration {

    /**
     * How this service calls the other Beacon services: with its own account ({@code beacon.security.client}), see
     * {@link ServiceClients}.
     */
    @Bean
    ServiceClients serviceClients(ServiceSecurityProperties security) {
        return ServiceClients.from(security.client());
    }

    /**
     * The MongoDB client; every command it sends is timed as {@code mongodb.driver.commands} (tags command, collection,
     * status), so how many reads and writes an event costs can be read off {@code /actuator/metrics}.
     */
    /** A controller's {@link io.beacon.contracts.api.ApiProblem}, answered as problem+json. */
    @Bean
    ApiProblemAnswers apiProblemAnswers() {
        return new ApiProblemAnswers();
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(BeaconProperties properties, org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongo().uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS));
        meters.ifAvailable(registry -> settings.addCommandListener(new MongoMetricsCommandListener(registry)));
        return MongoClients.create(settings.build());
    }

    /** Seals contact points and computes their blind index; the keysets come from the environment. */
    @Bean
    ContactPointProtection contactPointProtection(Environment environment) {
        return ContactPointProtection.fromKeysets(environment.getProperty("beacon.crypto.contact-points-keyset"),
                environment.getProperty("beacon.crypto.blind-index-keyset"));
    }

    /**
     * The pseudonym of an erased customer's kept records (ADR 0033); the key comes from the environment, and every
     * service has the same one, so that a customer's kept records share one pseudonym.
     */
    @Bean
    Pseudonyms pseudonyms(Environment environment) {
        return Pseudonyms.fromKey(environment.getProperty("beacon.crypto.pseudonym-key"));
    }

    /** This service's part of a customer's erasure, as its {@link PersonalData} bean declares (none: nothing to erase). */
    @Bean
    CustomerErasureEndpoint customerErasureEndpoint(org.springframework.beans.factory.ObjectProvider<PersonalData> personalData,
                                                    MongoDatabase database, Environment environment, Pseudonyms pseudonyms) {
        return new CustomerErasureEndpoint(personalData, database, environment.getProperty("spring.application.name", "beacon"), pseudonyms,
                java.time.Clock.systemUTC());
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(PersonalData.class)
    RetentionJob retentionJob(org.springframework.beans.factory.ObjectProvider<PersonalData> personalData, MongoDatabase database,
                              Environment environment) {
        return new RetentionJob(PersonalData.merged(personalData.orderedStream()), database, java.time.Clock.systemUTC(),
                environment.getProperty("beacon.retention.interval", Duration.class, Duration.ofHours(1)));
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, BeaconProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }

    /**
     * Consumer failures are infrastructure failures (bad input never throws): retried with back-off for as long as
     * it takes, for record and batch listeners alike, so that a consumed record is never skipped and lost.
     *
     * <p>Offsets are committed asynchronously: still only once the listener has returned (after every write and send
     * of the batch), so delivery stays at-least-once, but the next poll does not wait for the broker's answer. A commit
     * that fails is logged and covered by the next one (offsets are cumulative); at worst the batch is delivered again
     * after a rebalance, which every consumer handles (each step is idempotent). A service whose consumers take many
     * small batches sets {@code beacon.kafka.commit-interval}: the offsets of the batches done are then committed once
     * per interval instead of after each batch (fewer commit requests for the broker and its offsets topic), and a
     * restart redelivers at most that interval's records.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryUntilProcessed(Environment environment) {
        Duration commitInterval = environment.getProperty("beacon.kafka.commit-interval", Duration.class, Duration.ZERO);
        return (container, destination, group) -> {
            var backOff = new ExponentialBackOff(200, 2.0);
            backOff.setMaxInterval(10_000);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            var properties = container.getContainerProperties();
            properties.setSyncCommits(false);
            if (commitInterval.isPositive()) {
                properties.setAckMode(ContainerProperties.AckMode.TIME);
                properties.setAckTime(commitInterval.toMillis());
            }
        };
    }

    /**
     * Rebalances logged and counted, consumer lag read every {@code beacon.kafka.lag-log-interval} (30 s) and logged
     * while at or over {@code beacon.kafka.lag-warning} records (1,000): see {@link ConsumerHealth}. The Kafka binder
     * takes it as the rebalance listener of every binding.
     */
    @Bean(destroyMethod = "close")
    ConsumerHealth consumerHealth(io.micrometer.core.instrument.MeterRegistry meters, Environment environment) {
        return new ConsumerHealth(meters, environment.getProperty("beacon.kafka.lag-warning", Long.class, 1_000L),
                environment.getProperty("beacon.kafka.lag-log-interval", Duration.class, Duration.ofSeconds(30)));
    }

    /**
     * The client of the Zeebe gateway. gRPC interceptors declared as beans (tracing, or a test's slowed engine) are
     * added to it.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
    CamundaClient camundaClient(BeaconProperties properties,
                                org.springframework.beans.factory.ObjectProvider<io.grpc.ClientInterceptor> interceptors) {
        URI grpc = properties.zeebe().grpcAddress();
        var builder = CamundaClient.newClientBuilder()
                .grpcAddress(grpc)
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .defaultJobWorkerMaxJobsActive(32)
                .numJobWorkerExecutionThreads(properties.zeebe().workerThreadsOrDefault());
        if (properties.zeebe().restAddress() != null) {
            builder.restAddress(properties.zeebe().restAddress());
        }
        var declared = interceptors.orderedStream().toArray(io.grpc.ClientInterceptor[]::new);
        if (declared.length > 0) {
            builder.withInterceptors(declared);
        }
        return builder.build();
    }

    /** The producer every service publishes with; same brokers as the binder's consumers. */
    @Bean(destroyMethod = "close")
    EventPublisher eventPublisher(Environment environment) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.cloud.stream.kafka.binder.brokers"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a few milliseconds of batching: a consumed batch goes out in few requests instead of one per record
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a send fails within 30 s instead of waiting for ever, so a stuck broker surfaces as a retried batch
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "beacon") + "-publisher");
        var factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        return new EventPublisher(new KafkaTemplate<>(factory));
    }

    /** Where the service loads rules, journeys and content from: the folders, or the live release (ADR 0029). */
    @Bean
    LiveFolders liveFolders(Environment environment, ChangesProperties changes) {
        String service = environment.getProperty("spring.application.name", "beacon");
        return new LiveFolders(changes.mode(), changes.workspace() == null ? java.nio.file.Path.of(".beacon", "live", service) : changes.workspace(),
                environment.getRequiredProperty("spring.cloud.stream.kafka.binder.brokers"), service);
    }

    @Bean
    OutcomePublisher outcomePublisher(EventPublisher publisher, Environment environment) {
        return new OutcomePublisher(publisher, "/beacon/" + environment.getProperty("spring.application.name", "unknown"));
    }
}
