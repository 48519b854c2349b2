package io.beacon.consent;

import io.beacon.platform.PersonalData;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ConsentChange;
import io.beacon.platform.UnsubscribeKeys;
import io.beacon.platform.UnsubscribeTokens;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration
@org.springframework.boot.context.properties.EnableConfigurationProperties(UnsubscribeKeys.class)
class ConsentConfiguration {

    /** Consent changes from bank systems (bank.consent.changed, accepted by intake). */
    @Bean
    Consumer<Message<byte[]>> acceptedEvents(ConsentChanges changes) {
        return message -> {
            CloudEvent event = BeaconEvents.deserialize(message.getPayload());
            if (!BankEventType.CONSENT_CHANGED.type().equals(event.getType())) {
                return;
            }
            var data = BeaconEvents.dataTree(event);
            String channel = data.path("channel").asText("");
            String purpose = data.path("purpose").asText("");
            String status = data.path("status").asText("");
            if (!(ConsentLedger.CHANNELS.contains(channel) || "all".equals(channel)) || !ConsentLedger.PURPOSES.contains(purpose)
                    || !java.util.Set.of("GRANTED", "WITHDRAWN").contains(status) || event.getSubject() == null) {
                // intake's schema refuses these already; a record that got here another way changes nothing either
                org.slf4j.LoggerFactory.getLogger("io.beacon.consent.audit").warn(
                        "bank.consent.changed {} from {} refused: channel '{}', purpose '{}', status '{}'; nothing changed",
                        event.getId(), event.getSource(), channel, purpose, status);
                return;
            }
            Instant at = data.hasNonNull("changedAt") ? Instant.parse(data.get("changedAt").asText())
                    : event.getTime() != null ? event.getTime().toInstant() : Instant.now();
            var change = new ConsentChange(event.getSubject(), channel, purpose, "GRANTED".equals(status), event.getSource().toString(), at);
            changes.record(event.getSource() + " " + event.getId(), change, data.path("legalBasis").asText("CONSENT"));
        };
    }

    /**
     * The opt-out fence (ADR 0015): leases the senders hold around each provider attempt, which a withdrawal waits for
     * before it is acknowledged. {@code beacon.consent.send-lease} bounds that wait when a sender never gives one back.
     */
    @Bean
    ConsentLedger consentLedger(com.mongodb.client.MongoDatabase database) {
        return new ConsentLedger(database);
    }

    @Bean
    SendLeases sendLeases(com.mongodb.client.MongoDatabase database, ConsentLedger ledger,
                          @Value("${beacon.consent.send-lease:PT30S}") java.time.Duration leaseTime) {
        var leases = new SendLeases(database, ledger, java.time.Clock.systemUTC(), leaseTime, java.time.Duration.ofMillis(10));
        leases.ensureIndexes();
        return leases;
    }

    /** Opens the links of every marketing email under each key of the keyring until it retires (ADR 0034). */
    @Bean
    UnsubscribeTokens unsubscribeTokens(UnsubscribeKeys keys) {
        return keys.tokens(java.time.Clock.systemUTC());
    }

    /**
     * Consents and send leases are erased with the customer (the suppression token outlives them); the history of
     * consent changes is the proof of consent, kept on erasure under the customer's pseudonym (ADR 0033).
     */
    @Bean
    PersonalData consentPersonalData(org.springframework.core.env.Environment environment) {
        return PersonalData.of(PersonalData.Store.byField("consents", "_id"),
                PersonalData.Store.byField("consent_history", "customerId")
                        .keptAfterErasure(PersonalData.retention(environment, "kept-after-erasure"), CustomerErasure.CONSENT_RECORD_KEEPING),
                PersonalData.Store.byField(SendLeases.COLLECTION, "customerId"));
    }

    /**
     * The erasure: profiles gives the suppression tokens, then every service listed in
     * {@code beacon.consent.erasure.services} ({@code name=url,...}) erases its part.
     */
    @Bean
    CustomerErasure customerErasure(ConsentChanges changes, ConsentLedger ledger, PersonalData consentPersonalData,
                                    com.mongodb.client.MongoDatabase database,
                                    io.beacon.contracts.api.profiles.ProfilesApi profiles,
                                    @Value("${beacon.consent.erasure.services}") String services,
                                    @Value("${beacon.consent.erasure.sweep-after:PT2M}") java.time.Duration sweepAfter,
                                    io.beacon.platform.ServiceClients serviceClients, io.beacon.platform.Pseudonyms pseudonyms) {
        var clients = new java.util.LinkedHashMap<String, io.beacon.contracts.api.erasure.ErasureApi>();
        for (String entry : services.split(",")) {
            String[] nameAndUrl = entry.trim().split("=", 2);
            if (nameAndUrl.length != 2 || nameAndUrl[0].isBlank() || nameAndUrl[1].isBlank()) {
                throw new IllegalArgumentException("beacon.consent.erasure.services must be name=url,...; got '" + entry + "'");
            }
            clients.put(nameAndUrl[0].trim(), serviceClients.api(io.beacon.contracts.api.erasure.ErasureApi.class,
                    java.net.URI.create(nameAndUrl[1].trim()), java.time.Duration.ofSeconds(30)));
        }
        return new CustomerErasure(changes, ledger, consentPersonalData, database, profiles, clients, java.time.Clock.systemUTC(),
                sweepAfter, pseudonyms);
    }

    /** Profiles, for the suppression tokens of an erasure: consent's own account (ADR 0014), 30 s to answer like the erasures. */
    @Bean
    io.beacon.contracts.api.profiles.ProfilesApi profilesApi(@Value("${beacon.consent.erasure.profiles-url}") String profilesUrl,
                                                             io.beacon.platform.ServiceClients serviceClients, io.beacon.platform.Pseudonyms pseudonyms) {
        return serviceClients.api(io.beacon.contracts.api.profiles.ProfilesApi.class, java.net.URI.create(profilesUrl), java.time.Duration.ofSeconds(30));
    }

    /** Sweeps the due erasures every few seconds (their second pass, see CustomerErasure), and the run-out send leases. */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService erasureSweeper(CustomerErasure erasure, SendLeases leases) {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erasure-sweeper");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                erasure.sweepDue();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CustomerErasure.class).error("erasure sweep failed; tried again shortly", e);
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long swept = leases.sweepExpired();
                if (swept > 0) {
                    org.slf4j.LoggerFactory.getLogger(SendLeases.class).warn("{} send lease(s) ran out without being given back", swept);
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SendLeases.class).error("send lease sweep failed; tried again shortly", e);
            }
        }, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
        return scheduler;
    }
}
