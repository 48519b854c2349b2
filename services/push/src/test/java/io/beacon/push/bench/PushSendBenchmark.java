package io.beacon.push.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.HttpClients;
import io.beacon.delivery.InMemoryMongo;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.SendLoadRunner;
import io.beacon.delivery.SenderFixture;
import io.beacon.delivery.TestResilience;
import io.beacon.push.FcmAccessTokens;
import io.beacon.push.FcmClient;
import io.beacon.push.FcmProperties;
import io.beacon.push.FcmServiceAccount;
import io.beacon.push.PushDelivery;
import io.beacon.push.PushText;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Sustained push sending against an FCM simulator answering in 20-50 ms (WireMock), RS256 token fetched once and
 * cached. Not a test: run it as the service README says. Args: seconds (default 20), threads (16).
 */
public final class PushSendBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        var http = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64).disableRequestJournal());
        http.start();
        var mongo = new InMemoryMongo();
        try {
            http.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.bench\",\"expires_in\":3599}")));
            http.stubFor(post(urlPathEqualTo("/v1/projects/beacon-bench/messages:send"))
                    .willReturn(okJson("{\"name\":\"projects/beacon-bench/messages/0:1\"}").withUniformRandomDelay(20, 50)));
            http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check")).willReturn(okJson("{\"allowed\":true}")));
            // the send lease around each provider attempt (ADR 0015)
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(SenderFixture.SEND_LEASES))
                    .willReturn(okJson("{\"allowed\":true,\"lease\":\"bench\"}")));
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(com.github.tomakehurst.wiremock.client.WireMock
                    .urlPathMatching(SenderFixture.SEND_LEASES + "/.*")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.noContent()));
            http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson(
                    "{\"customerId\":\"C-1001\",\"firstName\":\"Jane\",\"language\":\"en-GB\",\"pushToken\":\"fcm-token-bench\"}")));
            URI base = URI.create(http.baseUrl());
            var client = HttpClients.restClient(base, Duration.ofSeconds(2), Duration.ofSeconds(5));
            // consent and profiles through their typed clients, as the sender's own account
            var beacon = new io.beacon.platform.ServiceClients("push", "dev-push-password");
            var consentApi = beacon.api(io.beacon.contracts.api.consent.ConsentApi.class, base, Duration.ofSeconds(5));
            var profilesApi = beacon.api(io.beacon.contracts.api.profiles.ProfilesApi.class, base, Duration.ofSeconds(5));
            var properties = new FcmProperties(base, "beacon-bench", URI.create(base + "/token"), null, true,
                    "push@beacon-bench.iam.gserviceaccount.com", Duration.ofSeconds(2), Duration.ofSeconds(5));
            var tokens = new FcmAccessTokens(client, properties, FcmServiceAccount.generatedForSimulator(properties.clientEmail()), Clock.systemUTC());
            System.out.println("Push, FCM simulator 20-50 ms, " + threads + " threads, " + seconds + " s measured after 5 s warm-up");
            for (int rate : new int[] {100_000, 50}) {
                var limiter = RateLimiter.of("fcm", RateLimiterConfig.custom().limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build());
                var ledger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
                ledger.ensureIndexes();
                var delivery = new PushDelivery(new ConsentClient(consentApi), new ProfilesClient(profilesApi), ledger,
                        new FcmClient(client, properties, tokens, TestResilience.guard("FCM", TestResilience.circuitBreaker("fcm" + rate), limiter)),
                        PushText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", "beacon://preferences", Clock.systemUTC()), new RecordingOutcomes(), Clock.systemUTC());
                var result = SendLoadRunner.run(rate == 100_000 ? "no rate limit" : "rate limiter at " + rate + " msg/s", delivery,
                        Channel.PUSH, threads, Duration.ofSeconds(5), Duration.ofSeconds(seconds));
                System.out.println(result + (rate == 100_000 ? "" : String.format("  (%.1f %% of the configured rate)", 100 * result.perSecond() / rate)));
            }
        } finally {
            http.stop();
            mongo.close();
        }
    }
}
