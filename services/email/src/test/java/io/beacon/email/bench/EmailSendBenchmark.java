package io.beacon.email.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import io.beacon.email.EmailDelivery;
import io.beacon.email.EmailText;
import io.beacon.email.SmtpSender;
import io.beacon.platform.UnsubscribeTokens;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sustained email sending to GreenMail (in-process SMTP: no added latency, one connection per message as
 * JavaMailSender does). Not a test: run it as the service README says. Args: seconds (default 20), threads (16).
 */
public final class EmailSendBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        var http = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64).disableRequestJournal());
        http.start();
        var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        var mongo = new InMemoryMongo();
        try {
            http.stubFor(get(urlPathEqualTo("/api/consents/C-1001/check")).willReturn(okJson("{\"allowed\":true}")));
            // the send lease around each provider attempt (ADR 0015)
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(SenderFixture.SEND_LEASES))
                    .willReturn(okJson("{\"allowed\":true,\"lease\":\"bench\"}")));
            http.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(com.github.tomakehurst.wiremock.client.WireMock
                    .urlPathMatching(SenderFixture.SEND_LEASES + "/.*")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.noContent()));
            http.stubFor(get("/internal/profiles/C-1001/contact-points").willReturn(okJson(
                    "{\"customerId\":\"C-1001\",\"firstName\":\"Jane\",\"language\":\"en-GB\",\"email\":\"jane@example.com\"}")));
            var client = HttpClients.restClient(URI.create(http.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5));
            // consent and profiles through their typed clients, as the sender's own account
            var beacon = new io.beacon.platform.ServiceClients("email", "dev-email-password");
            var consentApi = beacon.api(io.beacon.contracts.api.consent.ConsentApi.class, URI.create(http.baseUrl()), Duration.ofSeconds(5));
            var profilesApi = beacon.api(io.beacon.contracts.api.profiles.ProfilesApi.class, URI.create(http.baseUrl()), Duration.ofSeconds(5));
            var mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(smtp.getSmtp().getPort());
            var text = EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"), URI.create("https://bank.example/profiling"),
                    new UnsubscribeTokens("bench-secret-bench-secret-bench-secret"), null, Clock.systemUTC());
            System.out.println("Email, GreenMail SMTP in-process, " + threads + " threads, " + seconds + " s measured after 5 s warm-up");
            for (int rate : new int[] {100_000, 20}) {
                var limiter = RateLimiter.of("smtp", RateLimiterConfig.custom().limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build());
                var ledger = new DeliveryLedger(mongo.freshDatabase(), Clock.systemUTC());
                ledger.ensureIndexes();
                var delivery = new EmailDelivery(new ConsentClient(consentApi), new ProfilesClient(profilesApi), ledger,
                        new SmtpSender(mail, "offers@bank.example", "bank.example",
                                TestResilience.guard("SMTP", TestResilience.circuitBreaker("smtp" + rate), limiter)),
                        text, new RecordingOutcomes(), Clock.systemUTC());
                var result = SendLoadRunner.run(rate == 100_000 ? "no rate limit" : "rate limiter at " + rate + " msg/s", delivery,
                        Channel.EMAIL, threads, Duration.ofSeconds(5), Duration.ofSeconds(seconds));
                System.out.println(result + (rate == 100_000 ? "" : String.format("  (%.1f %% of the configured rate)", 100 * result.perSecond() / rate)));
                smtp.purgeEmailFromAllMailboxes();
            }
        } finally {
            http.stop();
            smtp.stop();
            mongo.close();
        }
    }
}
