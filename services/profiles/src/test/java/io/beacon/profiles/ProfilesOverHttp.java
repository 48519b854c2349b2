package io.beacon.profiles;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.platform.ContactPointProtection;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.ServiceClients;
import io.beacon.profiles.campaigns.AudienceSample;
import io.beacon.profiles.campaigns.CampaignReloader;
import io.beacon.profiles.campaigns.CampaignRunner;
import io.beacon.profiles.tags.TagBackfill;
import io.beacon.profiles.tags.TagReloader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RestController;

/**
 * The profiles service's APIs on a real port, for the contract tests: its three controllers and what they read, over
 * the platform's auto-configuration (the callers' filter chain, problems answered as problem+json) and MongoDB's wire
 * protocol in memory; the repository's own rules folder (persona tags, audiences, campaigns); no Kafka consumer and
 * no scheduler. One Spring context for every test class that extends it.
 */
@SpringBootTest(classes = ProfilesOverHttp.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // no function is bound to Kafka here (the campaign reloader is a Supplier: it would be, by default)
        properties = {"spring.cloud.function.definition=", "spring.cloud.stream.function.autodetect=false", "beacon.zeebe.enabled=false"})
public abstract class ProfilesOverHttp {

    /** For as long as the test JVM runs: the Spring context that uses it is cached across the test classes. */
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    /** The repository's rules folder, as ./beacon up serves it; the working directory is the module's. */
    static final Path RULES = Path.of("../../rules");

    // not a @SpringBootConfiguration: the service's own application (its integration tests) must not find it by scanning
    @EnableAutoConfiguration
    @ComponentScan(basePackages = "io.beacon.profiles", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = RestController.class))
    static class Service {

        @Bean
        Clock campaignClock() {
            return Clock.systemUTC();
        }

        @Bean
        TagReloader tagReloader() {
            return new TagReloader(RULES, Duration.ofHours(1), false);
        }

        @Bean(initMethod = "ensureIndexes")
        ProfileStore profileStore(MongoDatabase database, ContactPointProtection protection, TagReloader tags) {
            return new ProfileStore(database, protection, tags::get);
        }

        /** The recorded accepted events a back-fill reads: none here. */
        @Bean
        TagBackfill tagBackfill(MongoDatabase database, TagReloader tags, Clock campaignClock, ContactPointProtection protection) {
            return new TagBackfill(database, tags::get, sink -> { }, campaignClock, new SealedFields(protection));
        }

        @Bean
        CampaignReloader campaignReloader(TagReloader tags, Clock campaignClock) {
            return new CampaignReloader(RULES, tags::knownTags, campaignClock, Duration.ofHours(1));
        }

        @Bean(initMethod = "ensureIndexes")
        CampaignRunner campaignRunner(MongoDatabase database, EventPublisher publisher, CampaignReloader definitions, Clock campaignClock,
                                      ContactPointProtection protection) {
            return new CampaignRunner(database, publisher, campaignClock, definitions, Duration.ofMinutes(2), 500, Duration.ofHours(1), new SealedFields(protection));
        }

        @Bean
        AudienceSample audienceSample(MongoDatabase database, Clock campaignClock, ContactPointProtection protection) {
            return new AudienceSample(database, campaignClock, 500, new SealedFields(protection));
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MongoDatabase database;

    /** The typed client of one of profiles' APIs, as this caller of beacon-defaults.yml (its development password). */
    protected <T> T api(Class<T> api, String caller) {
        return new ServiceClients(caller, "dev-" + caller + "-password").api(api, URI.create("http://127.0.0.1:" + port));
    }
}
