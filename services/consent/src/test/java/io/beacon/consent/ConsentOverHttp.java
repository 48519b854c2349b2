package io.beacon.consent;

import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.PersonalData;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consent service's APIs on a real port, for the contract tests: its consent and erasure controllers and what they
 * use, over the platform's auto-configuration (the callers' filter chain, problems answered as problem+json) and
 * MongoDB's wire protocol in memory. Announcements go nowhere (no Kafka); profiles is a mock the tests set up; no other
 * service takes part in an erasure. One Spring context for every test class that extends it: each uses its own
 * customers.
 */
@SpringBootTest(classes = ConsentOverHttp.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.function.definition=", "spring.cloud.stream.function.autodetect=false", "beacon.zeebe.enabled=false"})
abstract class ConsentOverHttp {

    /** For as long as the test JVM runs: the Spring context that uses it is cached across the test classes. */
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    // not a @SpringBootConfiguration: the service's own application (its integration tests) must not find it by scanning
    @EnableAutoConfiguration
    @Import({ConsentController.class, ErasureController.class, ConsentLedger.class, ConsentChanges.class})
    static class Service {

        /** Consent changes are announced on Kafka; here nowhere. */
        @Bean
        @Primary
        EventPublisher announcements() {
            return mock(EventPublisher.class);
        }

        @Bean(initMethod = "ensureIndexes")
        SendLeases sendLeases(MongoDatabase database, ConsentLedger ledger) {
            return new SendLeases(database, ledger, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(10));
        }

        /** The service's own declaration: what erasure deletes and what it keeps. */
        @Bean
        PersonalData consentPersonalData(org.springframework.core.env.Environment environment) {
            return new ConsentConfiguration().consentPersonalData(environment);
        }

        /** Profiles, for the suppression tokens of an erasure: the tests say what it answers. */
        @Bean
        ProfilesApi profiles() {
            return mock(ProfilesApi.class);
        }

        @Bean
        CustomerErasure customerErasure(ConsentChanges changes, ConsentLedger ledger, PersonalData consentPersonalData, MongoDatabase database,
                                        ProfilesApi profiles, io.beacon.platform.Pseudonyms pseudonyms) {
            return new CustomerErasure(changes, ledger, consentPersonalData, database, profiles, Map.of(), Clock.systemUTC(), Duration.ofMinutes(2),
                    pseudonyms);
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected ProfilesApi profiles;

    /** The typed client of one of consent's APIs, as this caller of beacon-defaults.yml (its development password). */
    protected <T> T api(Class<T> api, String caller) {
        return new ServiceClients(caller, "dev-" + caller + "-password").api(api, URI.create("http://127.0.0.1:" + port));
    }
}
