package io.beacon.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Three sender instances, each with its own Resilience4j stack (local rate limiter at the provider's rate, bulkhead,
 * breaker, retry), its own MongoDB connection and the production limiter settings, sharing one long code's limit of
 * 1 message/s through the one MongoDB (ADR 0036). Each instance has 30 texts to send with 4 workers at once; a send
 * refused after the 30 s wait is tried again, as Zeebe retries its job. WireMock plays Twilio.
 */
class ClusterSendRateIT {

    private static final String MESSAGES = "/2010-04-01/Accounts/ACcluster/Messages.json";
    private static final int INSTANCES = 3;
    private static final int SENDS_PER_INSTANCE = 30;

    @Test
    void threeInstancesTogetherStayWithinOneMessagePerSecondAndEveryHeldSendGoesOutAfterwards() throws Exception {
        var twilio = new WireMockServer(wireMockConfig().dynamicPort());
        twilio.start();
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson("{\"sid\":\"SMcluster\",\"status\":\"queued\"}")));
        var refusals = new AtomicInteger();
        var pools = new ArrayList<ExecutorService>();
        var clients = new ArrayList<MongoClient>();
        try (var mongo = new InMemoryMongo()) {
            var http = RestClient.builder().baseUrl(twilio.baseUrl()).build();
            long started = System.currentTimeMillis();
            for (int instance = 0; instance < INSTANCES; instance++) {
                MongoClient client = MongoClients.create(mongo.uri());
                clients.add(client);
                var database = client.getDatabase("sms");
                var rates = new SendRates(new SendRateProperties(java.util.Map.of("twilio",
                        new SendRateProperties.Rate("+447700900001", 1, null, null))), database, Clock.systemUTC());
                var guard = new ProviderGuard("Twilio", TestResilience.retry("twilio-" + instance),
                        TestResilience.circuitBreaker("twilio-" + instance),
                        RateLimiter.of("twilio-" + instance, RateLimiterConfig.custom().limitForPeriod(1)
                                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build()),
                        Bulkhead.of("twilio-" + instance, BulkheadConfig.custom().maxConcurrentCalls(16).build()),
                        rates.limiter("twilio"));
                var pool = Executors.newFixedThreadPool(4);
                pools.add(pool);
                for (int n = 0; n < SENDS_PER_INSTANCE; n++) {
                    String text = "instance-" + instance + "-text-" + n;
                    pool.submit(() -> {
                        while (true) {
                            try {
                                return guard.send(() -> http.post().uri(MESSAGES).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                        .body("To=%2B447700900123&Body=" + text).retrieve().body(String.class));
                            } catch (ProviderUnavailableException refused) {
                                refusals.incrementAndGet(); // the job is failed and retried later: held, not lost
                            }
                        }
                    });
                }
            }

            Thread.sleep(Math.max(0, started + 60_000 - System.currentTimeMillis()));
            int inTheFirstMinute = twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(MESSAGES))).size();
            assertThat(inTheFirstMinute).as("texts Twilio received in the first 60 s").isBetween(55, 61);

            for (ExecutorService pool : pools) {
                pool.shutdown();
            }
            for (ExecutorService pool : pools) {
                assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).as("every held send went out").isTrue();
            }
            List<LoggedRequest> received = twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(MESSAGES)));
            assertThat(received.stream().map(r -> r.getBodyAsString()).collect(Collectors.toSet()))
                    .as("each text exactly once").hasSize(INSTANCES * SENDS_PER_INSTANCE);
            assertThat(received).hasSize(INSTANCES * SENDS_PER_INSTANCE);
            System.out.printf("ClusterSendRateIT: %d texts in the first 60 s, %d in all, %d sends refused after the 30 s wait and tried again%n",
                    inTheFirstMinute, received.size(), refusals.get());
        } finally {
            pools.forEach(ExecutorService::shutdownNow);
            clients.forEach(MongoClient::close);
            twilio.stop();
        }
    }
}
