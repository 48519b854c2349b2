package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.OutcomeType;
import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.delivery.Channel;
import io.beacon.delivery.ConsentClient;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.DeliveryResult;
import io.beacon.delivery.ExactlyOnceDelivery;
import io.beacon.delivery.ProfilesClient;
import io.beacon.delivery.ProfilesClient.Recipient;
import io.beacon.delivery.ProviderGuard;
import io.beacon.delivery.RecordingOutcomes;
import io.beacon.delivery.TestResilience;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.UnsubscribeTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.MockMvcClientHttpRequestFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Races an opt-out against a send in flight: this service's controllers and fence ({@link SendLeases}) on one side, the
 * senders' shared flow ({@link ExactlyOnceDelivery} with {@link ProviderGuard}, as sms, email and push run it) on the
 * other, talking HTTP through Spring MVC (MockMvc as the transport) and sharing one MongoDB wire server. The provider is
 * in-process and records, on one clock with the acknowledgement, when each request reached it.
 * <p>
 * The guarantee under test (ADR 0014): once consent has acknowledged an opt-out (the withdrawal call returned), no
 * provider request for that customer and channel starts; a request already at the provider has finished before the
 * acknowledgement.
 */
class OptOutRaceTest {

    private static final String SOURCE = "/race";

    private MongoServer server;
    private MongoClient client;
    private ConsentLedger ledger;
    private WaitObservingLeases leases;
    private DeliveryLedger deliveries;
    private RecordingOutcomes outcomes;
    private MockMvc optOuts;
    private ConsentClient consentForSenders;
    private final UnsubscribeTokens tokens = new UnsubscribeTokens("race-secret-race-secret-race-secret");
    /** One clock for the provider and the acknowledgements: which came first is a comparison of two of its ticks. */
    private final AtomicLong tick = new AtomicLong();
    private final Provider provider = new Provider();
    private final java.util.Map<String, Long> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    /** Threads of their own: the common pool may have a single worker on a small machine, and the two sides must run at once. */
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase consentDb = client.getDatabase("beacon-consent");
        ledger = new ConsentLedger(consentDb);
        leases = new WaitObservingLeases(consentDb, ledger);
        leases.ensureIndexes();
        deliveries = new DeliveryLedger(client.getDatabase("beacon-sms"), Clock.systemUTC());
        deliveries.ensureIndexes();
        outcomes = new RecordingOutcomes();

        // The acknowledgement is the moment ConsentChanges.record returns for a withdrawal: the earliest any caller
        // (the API, the STOP webhook through it, the unsubscribe page) can learn that the opt-out took effect.
        var changes = new ConsentChanges(ledger, mock(EventPublisher.class), leases) {
            @Override
            public void record(String changeId, ConsentChange change, String legalBasis) {
                super.record(changeId, change, legalBasis);
                if (!change.granted() && "marketing".equals(change.purpose())) {
                    acknowledged.putIfAbsent(change.customerId(), tick.incrementAndGet());
                }
            }
        };
        var controllers = new Object[] {new ConsentController(ledger, changes, leases), new UnsubscribeController(tokens, changes)};
        optOuts = MockMvcBuilders.standaloneSetup(controllers).build();
        MockMvc forSenders = MockMvcBuilders.standaloneSetup(controllers).build();
        // the senders' typed client of ConsentApi, its requests served by the controller in this JVM
        consentForSenders = new ConsentClient(HttpServiceProxyFactory.builderFor(RestClientAdapter.create(RestClient.builder()
                .baseUrl("http://consent").requestFactory(new MockMvcClientHttpRequestFactory(forSenders)).build())).build()
                .createClient(ConsentApi.class));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        server.shutdownNow();
    }

    @Test
    void optOutAcknowledgedWhileTheSendIsBetweenItsConsentCheckAndTheProvider_nothingIsSent() throws Exception {
        String customer = consenting("C-BETWEEN");
        var checked = new CountDownLatch(1);
        var optedOut = new CountDownLatch(1);
        // holds the send after its consent check said yes and before it claims and calls: the window a re-check at the
        // start of the send alone leaves open
        var sender = new Sender(() -> {
            checked.countDown();
            await(optedOut);
        });
        var send = CompletableFuture.supplyAsync(() -> sender.deliver(request(customer, 1)), threads);

        await(checked);
        withdrawSms(customer);
        optedOut.countDown();
        DeliveryResult result = send.get(10, TimeUnit.SECONDS);

        assertThat(provider.requestsFor(customer)).as("provider requests after the opt-out was acknowledged").isEmpty();
        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SUPPRESSED);
        assertThat(result.reason()).isEqualTo(ReasonCode.OPTED_OUT);
        assertThat(deliveries.find(request(customer, 1).idempotencyKey())).hasValueSatisfying(entry ->
                assertThat(entry.state()).isEqualTo(DeliveryLedger.State.SUPPRESSED));
        assertThat(outcomes.published).singleElement().satisfies(o -> assertThat(o.type()).isEqualTo(OutcomeType.SUPPRESSED));
        assertThat(leases.openFor(customer)).isZero();
    }

    @Test
    void optOutArrivingWhileTheProviderCallIsUnderWay_isAcknowledgedOnlyAfterTheCallEnded() throws Exception {
        String customer = consenting("C-INFLIGHT");
        provider.holdNext();
        var send = CompletableFuture.supplyAsync(() -> new Sender(() -> { }).deliver(request(customer, 1)), threads);
        await(provider.entered);

        var optOut = CompletableFuture.runAsync(() -> withdrawSms(customer), threads);
        await(leases.waiting);
        // the withdrawal is recorded and waits for the open lease: it stays unacknowledged while the provider holds
        assertThatThrownBy(() -> optOut.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(ledger.check(customer, "sms", "marketing").allowed()).isFalse();

        provider.release();
        assertThat(send.get(10, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.SENT);
        optOut.get(10, TimeUnit.SECONDS);

        Provider.Request request = provider.requestsFor(customer).getFirst();
        assertThat(request.returned()).as("the provider call ended before the acknowledgement").isLessThan(acknowledged.get(customer));
        assertThat(leases.waitedFor(customer)).isPositive();
        // a later send is suppressed at its send lease
        assertThat(new Sender(() -> { }).deliver(request(customer, 2)).status()).isEqualTo(DeliveryResult.Status.SUPPRESSED);
        assertThat(provider.requestsFor(customer)).hasSize(1);
    }

    /**
     * Many races with no latch: the send and the opt-out start together, the opt-out after a random delay spread over the
     * send's whole course, through one of the opt-out doors (the consent API, the app's preferences, an objection on
     * every channel), the provider taking a random time to answer. For each one: either nothing reached the provider, or
     * every provider request ended before the acknowledgement.
     */
    @Test
    void manyRaces_noProviderRequestStartsOrIsStillUnderWayAfterTheOptOutIsAcknowledged() throws Exception {
        int races = 300;
        var random = new Random(5);
        // The opt-out's delay is drawn around a point that follows the races: later after a suppression, earlier after a
        // send, so the races stay where the two orders meet, whatever this machine's speed and load.
        double aroundNanos = 5_000_000;
        int sentBefore = 0;
        int sentWhileTheAcknowledgementWaited = 0;
        int suppressedAtTheLease = 0;
        for (int i = 0; i < races; i++) {
            String customer = consenting("C-RACE-" + i);
            long optOutDelayNanos = (long) (random.nextDouble() * 2 * aroundNanos);
            long providerNanos = random.nextInt(4_000_000);
            int door = random.nextInt(3);
            var barrier = new CyclicBarrier(2);
            provider.answerAfter(providerNanos);
            var send = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return new Sender(() -> { }).deliver(request(customer, 1));
            }, threads);
            var optOut = CompletableFuture.runAsync(() -> {
                await(barrier);
                LockSupport.parkNanos(optOutDelayNanos);
                switch (door) {
                    case 0 -> withdrawSms(customer);
                    case 1 -> perform(put("/api/preferences/" + customer).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"marketing\":{\"sms\":false}}"));
                    default -> perform(put("/api/consents/" + customer).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"channel\":\"all\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"" + SOURCE + "\"}"));
                }
            }, threads);
            DeliveryResult result = send.get(30, TimeUnit.SECONDS);
            optOut.get(30, TimeUnit.SECONDS);

            long ack = acknowledged.get(customer);
            List<Provider.Request> requests = provider.requestsFor(customer);
            for (Provider.Request request : requests) {
                assertThat(request.received()).as("race %d: request reached the provider before the acknowledgement", i).isLessThan(ack);
                assertThat(request.returned()).as("race %d: provider call ended before the acknowledgement", i).isLessThan(ack);
            }
            if (requests.isEmpty()) {
                assertThat(result.status()).as("race %d", i).isEqualTo(DeliveryResult.Status.SUPPRESSED);
                // the sender reads consent only at its lease (ADR 0030): the refusal is recorded there
                assertThat(deliveries.find(request(customer, 1).idempotencyKey())).as("race %d: the ledger record", i)
                        .hasValueSatisfying(entry -> assertThat(entry.state().name()).isEqualTo("SUPPRESSED"));
                aroundNanos *= 1.15;
                suppressedAtTheLease++;
            } else {
                assertThat(result.status()).as("race %d", i).isEqualTo(DeliveryResult.Status.SENT);
                assertThat(requests).as("race %d", i).hasSize(1);
                sentBefore++;
                aroundNanos /= 1.15;
                if (leases.waitedFor(customer) > 0) {
                    sentWhileTheAcknowledgementWaited++;
                }
            }
            assertThat(leases.openFor(customer)).as("race %d: leases left open", i).isZero();
        }
        System.out.printf("OptOutRaceTest: opt-outs about %.1f ms after the send started; %d races: %d sent before the acknowledgement (%d of them while the acknowledgement waited "
                        + "for the provider call), %d suppressed at the send lease%n", aroundNanos / 1e6, races, sentBefore,
                sentWhileTheAcknowledgementWaited, suppressedAtTheLease);
        // the race really went every way: refused at the lease, and sent before the acknowledgement, also through the call
        assertThat(sentBefore).isPositive();
        assertThat(sentWhileTheAcknowledgementWaited).isPositive();
        assertThat(suppressedAtTheLease).isPositive();
    }

    /**
     * The same race as the first test, with a sender whose provider call does not go through ProviderGuard.send (so
     * takes no send lease): the message leaves after the acknowledgement. This is what the checks above would catch if
     * the fence were missing, and why every sender's provider client must send through ProviderGuard.
     */
    @Test
    void withoutTheSendLease_theSameRaceLetsAMessageLeaveAfterTheAcknowledgement() throws Exception {
        String customer = consenting("C-UNFENCED");
        var checked = new CountDownLatch(1);
        var optedOut = new CountDownLatch(1);
        var sender = new Sender(() -> {
            checked.countDown();
            await(optedOut);
        }, false);
        var send = CompletableFuture.supplyAsync(() -> sender.deliver(request(customer, 1)), threads);

        await(checked);
        withdrawSms(customer);
        optedOut.countDown();

        assertThat(send.get(10, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(provider.requestsFor(customer)).singleElement()
                .satisfies(request -> assertThat(request.received()).isGreaterThan(acknowledged.get(customer)));
    }

    // --- the parts --------------------------------------------------------------------------------------------------

    /** The senders' flow on the SMS channel, with a hook after the send was planned and before its lease is taken. */
    private final class Sender extends ExactlyOnceDelivery {

        private final ProviderGuard guard = TestResilience.guard("race-provider");
        private final Runnable beforeTheLease;
        private final boolean throughTheGuard;

        Sender(Runnable beforeTheLease) {
            this(beforeTheLease, true);
        }

        Sender(Runnable beforeTheLease, boolean throughTheGuard) {
            super(Channel.SMS, "the race provider", consentForSenders, profiles(), deliveries, outcomes, Clock.systemUTC());
            this.beforeTheLease = beforeTheLease;
            this.throughTheGuard = throughTheGuard;
        }

        @Override
        protected Optional<String> invalidContactPoint(String contactPoint) {
            beforeTheLease.run();
            return Optional.empty();
        }

        @Override
        protected Accepted handOver(DeliveryRequest request, Recipient recipient) {
            if (!throughTheGuard) {
                return new Accepted(provider.accept(request.customerId()), "queued");
            }
            return guard.send(() -> new Accepted(provider.accept(request.customerId()), "queued"));
        }
    }

    private static ProfilesClient profiles() {
        return new ProfilesClient(null) {
            @Override
            public Optional<Recipient> recipient(String customerId, Channel channel) {
                return Optional.of(new Recipient(customerId, "Jane", "en-GB", "+447700900123"));
            }
        };
    }

    /** The provider: every request recorded on the shared clock when it arrives and when it is answered. */
    private final class Provider {

        record Request(String customerId, long received, long returned) {
        }

        private final List<Request> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile CountDownLatch hold;
        private volatile long answerAfterNanos;
        volatile CountDownLatch entered = new CountDownLatch(1);

        String accept(String customerId) {
            long received = tick.incrementAndGet();
            entered.countDown();
            CountDownLatch held = hold;
            if (held != null) {
                await(held);
            }
            if (answerAfterNanos > 0) {
                LockSupport.parkNanos(answerAfterNanos);
            }
            requests.add(new Request(customerId, received, tick.incrementAndGet()));
            return "MSG-" + received;
        }

        void holdNext() {
            entered = new CountDownLatch(1);
            hold = new CountDownLatch(1);
        }

        void release() {
            hold.countDown();
            hold = null;
        }

        void answerAfter(long nanos) {
            answerAfterNanos = nanos;
        }

        List<Request> requestsFor(String customerId) {
            return requests.stream().filter(r -> r.customerId().equals(customerId)).toList();
        }
    }

    /** The fence as it runs, telling the test when a withdrawal starts waiting and whether it found a lease open. */
    private static final class WaitObservingLeases extends SendLeases {

        final CountDownLatch waiting = new CountDownLatch(1);
        private final java.util.Map<String, Long> waited = new java.util.concurrent.ConcurrentHashMap<>();
        private final MongoDatabase database;

        WaitObservingLeases(MongoDatabase database, ConsentLedger ledger) {
            super(database, ledger, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(2));
            this.database = database;
        }

        @Override
        public Duration awaitClosed(String customerId, Collection<String> channels) {
            waiting.countDown();
            Duration duration = super.awaitClosed(customerId, channels);
            waited.merge(customerId, duration.toNanos(), Long::sum);
            return duration;
        }

        long waitedFor(String customerId) {
            return waited.getOrDefault(customerId, 0L);
        }

        long openFor(String customerId) {
            return database.getCollection(COLLECTION).countDocuments(com.mongodb.client.model.Filters.eq("customerId", customerId));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private String consenting(String customer) {
        ledger.record("grant-" + customer, new ConsentChange(customer, "sms", "marketing", true, "/crm", Instant.now()), "CONSENT");
        return customer;
    }

    private static DeliveryRequest request(String customer, int n) {
        return new DeliveryRequest(Channel.SMS, customer, "TERM_DEPOSIT_12M", "SalaryCredited", "first-salary", "22517998136" + n,
                "Task_SendSmsOffer", "evt-" + customer + "-" + n, "dec-" + n);
    }

    private void withdrawSms(String customer) {
        perform(put("/api/consents/" + customer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\",\"source\":\"" + SOURCE + "\"}"));
    }

    private void perform(org.springframework.test.web.servlet.RequestBuilder request) {
        try {
            optOuts.perform(request).andExpect(status().isOk());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not reached within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
