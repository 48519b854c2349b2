package io.beacon.console.services;

import io.beacon.console.ConsoleProperties;
import io.beacon.contracts.api.channels.ChannelHealthApi;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.contracts.api.channels.TemplatePreviewApi;
import io.beacon.contracts.api.channels.TemplatesApi;
import io.beacon.contracts.api.decisioning.DecisionsApi;
import io.beacon.contracts.api.decisioning.ReplayApi;
import io.beacon.contracts.api.decisioning.RulesApi;
import io.beacon.contracts.api.decisioning.SimulationApi;
import io.beacon.contracts.api.journeys.JourneysApi;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The typed clients of every Beacon API the console reads and writes through (ADR 0031): profiles (a customer's profile
 * and masked contact points, the campaigns), consent (history, changes, a recorded opt-out), decisioning (decisions,
 * rules, simulation, replay), journeys, and the three channel services' content, previews and provider health. Each is
 * built once, as the console's own caller account (ADR 0014), on the address {@code beacon.console.services} gives the
 * service, waiting {@code beacon.console.timeout} for an answer.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleApis {

    /** The channel services, in the order the console shows them. */
    public static final List<String> CHANNELS = List.of("sms", "push", "email");

    /** A replay of a week of events takes its time: up to 5 minutes to answer. */
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The channel services' clients, by channel name (sms, push, email): each serves the same APIs for its own content.
     *
     * @param templates its content, and proposed content checked
     * @param previews  its templates rendered for a sample customer
     * @param health    its providers' circuit breakers and rate limiters
     */
    public record Channels(Map<String, TemplatesApi> templates, Map<String, TemplatePreviewApi> previews, Map<String, ChannelHealthApi> health) {

        public TemplatesApi templates(String channel) {
            return of(templates, channel);
        }

        public TemplatePreviewApi preview(String channel) {
            return of(previews, channel);
        }

        public ChannelHealthApi health(String channel) {
            return of(health, channel);
        }

        private static <T> T of(Map<String, T> clients, String channel) {
            T client = clients.get(channel);
            if (client == null) {
                throw new IllegalArgumentException("no channel " + channel + "; one of " + clients.keySet());
            }
            return client;
        }
    }

    private final ConsoleProperties properties;
    private final ServiceClients clients;

    ConsoleApis(ConsoleProperties properties, ServiceClients clients) {
        this.properties = properties;
        this.clients = clients;
    }

    @Bean
    ProfilesApi profilesApi() {
        return api(ProfilesApi.class, "profiles");
    }

    @Bean
    CampaignsApi campaignsApi() {
        return api(CampaignsApi.class, "profiles");
    }

    @Bean
    ConsentApi consentApi() {
        return api(ConsentApi.class, "consent");
    }

    @Bean
    DecisionsApi decisionsApi() {
        return api(DecisionsApi.class, "decisioning");
    }

    @Bean
    RulesApi rulesApi() {
        return api(RulesApi.class, "decisioning");
    }

    @Bean
    SimulationApi simulationApi() {
        return api(SimulationApi.class, "decisioning");
    }

    @Bean
    ReplayApi replayApi() {
        return clients.api(ReplayApi.class, url("decisioning"), REPLAY_TIMEOUT);
    }

    @Bean
    JourneysApi journeysApi() {
        return api(JourneysApi.class, "journeys");
    }

    @Bean
    Channels channels() {
        var templates = new LinkedHashMap<String, TemplatesApi>();
        var previews = new LinkedHashMap<String, TemplatePreviewApi>();
        var health = new LinkedHashMap<String, ChannelHealthApi>();
        for (String channel : CHANNELS) {
            templates.put(channel, api(TemplatesApi.class, channel));
            previews.put(channel, api(TemplatePreviewApi.class, channel));
            health.put(channel, api(ChannelHealthApi.class, channel));
        }
        return new Channels(templates, previews, health);
    }

    private <T> T api(Class<T> api, String service) {
        return clients.api(api, url(service), properties.timeout());
    }

    private URI url(String service) {
        URI url = properties.services().get(service);
        if (url == null) {
            throw new IllegalStateException("beacon.console.services." + service + " is not configured");
        }
        return url;
    }
}
