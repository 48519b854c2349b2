package io.beacon.console.services;

import io.beacon.console.ConsoleProperties;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.profiles.CampaignsApi;
import io.beacon.contracts.api.profiles.ProfilesApi;
import io.beacon.platform.ServiceClients;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The typed clients of the customer-facing services the console reads and writes through: profiles (a customer's
 * profile and masked contact points, the campaigns) and consent (history, changes, a recorded opt-out). As the
 * console's own caller account (ADR 0014), each waiting {@code beacon.console.timeout} for an answer.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerApis {

    @Bean
    ProfilesApi profilesApi(ConsoleProperties properties, ServiceClients clients) {
        return clients.api(ProfilesApi.class, url(properties, "profiles"), properties.timeout());
    }

    @Bean
    CampaignsApi campaignsApi(ConsoleProperties properties, ServiceClients clients) {
        return clients.api(CampaignsApi.class, url(properties, "profiles"), properties.timeout());
    }

    @Bean
    ConsentApi consentApi(ConsoleProperties properties, ServiceClients clients) {
        return clients.api(ConsentApi.class, url(properties, "consent"), properties.timeout());
    }

    private static URI url(ConsoleProperties properties, String service) {
        URI url = properties.services().get(service);
        if (url == null) {
            throw new IllegalStateException("beacon.console.services." + service + " is not configured");
        }
        return url;
    }
}
