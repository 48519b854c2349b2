package io.beacon.profiles.campaigns;

import com.mongodb.client.MongoDatabase;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration
class CampaignsConfiguration {

    @Bean
    Clock campaignClock() {
        return Clock.systemUTC();
    }

    @Bean
    CampaignReloader campaignReloader(io.beacon.platform.LiveFolder rulesFolder,
                                      io.beacon.profiles.tags.KnownTags knownTags,
                                      @Value("${beacon.profiles.campaigns.reload-interval:PT2S}") Duration interval, Clock campaignClock) {
        // the persona tags rules/tags declares now: an audience naming another is refused
        return new CampaignReloader(rulesFolder.path(), knownTags::knownTags, campaignClock, interval);
    }

    @Bean(initMethod = "ensureIndexes")
    CampaignRunner campaignRunner(MongoDatabase database, EventPublisher publisher, CampaignReloader definitions, Clock campaignClock,
                                  io.beacon.profiles.SealedFields sealed,
                                  @Value("${beacon.profiles.campaigns.lease:PT2M}") Duration lease,
                                  @Value("${beacon.profiles.campaigns.batch-size:500}") int batchSize,
                                  @Value("${beacon.profiles.campaigns.catch-up:PT1H}") Duration catchUp) {
        return new CampaignRunner(database, publisher, campaignClock, definitions, lease, batchSize, catchUp, sealed);
    }

    @Bean
    AudienceSample audienceSample(MongoDatabase database, Clock campaignClock, io.beacon.profiles.SealedFields sealed, @Value("${beacon.profiles.campaigns.batch-size:500}") int batchSize) {
        return new AudienceSample(database, campaignClock, batchSize, sealed);
    }

    @Bean
    CampaignSchedule campaignSchedule(CampaignRunner runner) {
        return new CampaignSchedule(runner);
    }

    /** Looks for due runs and work every few seconds, on the scheduler beside the dormancy scan. */
    static class CampaignSchedule {
        private final CampaignRunner runner;

        CampaignSchedule(CampaignRunner runner) {
            this.runner = runner;
        }

        @Scheduled(initialDelayString = "${beacon.profiles.campaigns.initial-delay:PT10S}", fixedDelayString = "${beacon.profiles.campaigns.tick:PT5S}")
        void tick() {
            runner.tick();
        }
    }
}
