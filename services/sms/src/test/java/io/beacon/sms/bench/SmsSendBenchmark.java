package io.beacon.sms.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import io.beacon.sms.SmsDelivery;
import io.beacon.sms.SmsText;
import io.beacon.sms.TwilioClient;
import io.beacon.sms.TwilioProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Sustained SMS sending against a Twilio simulator answering in 20-50 ms (WireMock, uniform random delay), the whole
 * send each time (ledger in the in-memory MongoDB wire server, consent and profile over HTTP, Twilio, outcome
 * recorded). Not a test: run it as the service README says. Args: seconds per run (default 20), threads (16).
 */
public final class SmsSendBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        var http = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64).disableRequestJournal());
        http.start();
        var mongo = new InMemoryMongo();
        try {
            String account = "ACbench";
            http.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/" + account + "/Messages.json")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMbench\",\"status\":\"queued\"}")
                    .withUniformRandomDelay(20, 50)));
            http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check")).willReturn(okJson("{\"allowed\":true}")));
            // the send lease around each provider attempt (ADR 0015)
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(SenderFixture.SEND_LEASES))
                    .willReturn(okJson("{\"allowed\":true,\"lease\":\"bench\"}")));
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(com.github.tomakehurst.wiremock.client.WireMock
                    .urlPathMatching(SenderFixture.SEND_LEASES + "/.*")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.noContent()));
            http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson(
                    "{\"customerId\":\"C-1001\",\"firstName\":\"Jane\",\"language\":\"en-GB\",\"phone\":\"+447700900123\"}")));
            URI base = URI.create(http.baseUrl());
            var client = HttpClients.restClient(base, Duration.ofSeconds(2), Duration.ofSeconds(5));
            // consent and profiles through their typed clients, as the sender's own account
            var beacon = new io.beacon.platform.ServiceClients("sms", "dev-sms-password");
            var consentApi = beacon.api(io.beacon.contracts.api.consent.ConsentApi.class, base, Duration.ofSeconds(5));
            var profilesApi = beacon.api(io.beacon.contracts.api.profiles.ProfilesApi.class, base, Duration.ofSeconds(5));
            var twilioProperties = new TwilioProperties(base, account, "token", "BEACONBANK", null, Duration.ofSeconds(2), Duration.ofSeconds(5));
            var text = SmsText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", 3, Clock.systemUTC());
            System.out.println("SMS, Twilio simulator 20-50 ms, " + threads + " threads, " + seconds + " s measured after 5 s warm-up");

            var unlimited = RateLimiter.of("unlimited", RateLimiterConfig.custom().limitForPeriod(100_000)
                    .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build());
            var guard = TestResilience.guard("Twilio", TestResilience.circuitBreaker("twilio"), unlimited);
            var ledger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
            ledger.ensureIndexes();
            var delivery = new SmsDelivery(new ConsentClient(consentApi), new ProfilesClient(profilesApi), ledger,
                    new TwilioClient(client, twilioProperties, guard), text, new RecordingOutcomes(), Clock.systemUTC());
            System.out.println(SendLoadRunner.run("no rate limit", delivery, Channel.SMS, threads, Duration.ofSeconds(5), Duration.ofSeconds(seconds)));

            for (int rate : new int[] {10, 50}) {
                var limited = RateLimiter.of("twilio", RateLimiterConfig.custom().limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build());
                var limitedLedger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
                limitedLedger.ensureIndexes();
                var limitedDelivery = new SmsDelivery(new ConsentClient(consentApi), new ProfilesClient(profilesApi), limitedLedger,
                        new TwilioClient(client, twilioProperties, TestResilience.guard("Twilio", TestResilience.circuitBreaker("t" + rate), limited)),
                        text, new RecordingOutcomes(), Clock.systemUTC());
                var result = SendLoadRunner.run("rate limiter at " + rate + " msg/s", limitedDelivery, Channel.SMS, threads,
                        Duration.ofSeconds(5), Duration.ofSeconds(seconds));
                System.out.println(result + String.format("  (%.1f %% of the configured rate)", 100 * result.perSecond() / rate));
            }
        } finally {
            http.stop();
            mongo.close();
        }
    }
}
