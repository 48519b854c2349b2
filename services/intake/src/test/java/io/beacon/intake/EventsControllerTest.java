package io.beacon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.ServiceApiTesting;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.unit.DataSize;

class EventsControllerTest {

    private static final RequestPostProcessor BANK = ServiceApiTesting.caller("bank-core");

    /** 1 MiB, beacon.intake.max-body-size in intake's application.yml. */
    private static final int LIMIT = 1024 * 1024;
    private static final long TWO_MB = 2L * 1024 * 1024;
    private static final long TWENTY_MB = 20L * 1024 * 1024;

    private final List<String> published = new ArrayList<>();
    private final List<ProducerRecord<String, byte[]>> rejected = new ArrayList<>();
    private EventPublisher publisher;
    private EventIntake intake;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        publisher = mock(EventPublisher.class);
        when(publisher.publishRaw(anyString(), anyString(), any(), any())).thenAnswer(call -> {
            published.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        when(publisher.publish(any())).thenAnswer(call -> {
            ProducerRecord<String, byte[]> record = call.getArgument(0);
            published.add(record.topic());
            rejected.add(record);
            return CompletableFuture.completedFuture(null);
        });
        intake = mock(EventIntake.class);
        when(intake.reject(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        // through intake's own filter chain: the bank's core systems post as caller bank-core
        mvc = ServiceApiTesting.securedMockMvc(new EventsController(new BankEventValidator(), intake, publisher, configured()));
    }

    /** beacon.intake as intake's application.yml configures it. */
    static IntakeProperties configured() {
        try {
            var environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addFirst);
            return Binder.get(environment).bindOrCreate("beacon.intake", IntakeProperties.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void batchOfValidEventsIsAcceptedWithAResultPerEvent() throws Exception {
        mvc.perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON)
                        .content("[" + EventIntakeTest.SALARY + "," + EventIntakeTest.SALARY.replace("evt-1", "evt-2") + "]"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.results[0].id").value("evt-1"))
                .andExpect(jsonPath("$.results[1].status").value("accepted"));

        assertThat(published).containsExactly(Topics.BANK_EVENTS, Topics.BANK_EVENTS);
    }

    @Test
    void batchWithOneBadEventIsRefusedWholeNamingIndexAndField() throws Exception {
        String bad = EventIntakeTest.SALARY.replace("evt-1", "evt-2").replace("\"amount\":3000", "\"amount\":\"lots\"");

        mvc.perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content("[" + EventIntakeTest.SALARY + "," + bad + "]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("/data/amount"));

        assertThat(published).as("nothing of a bad batch is published to bank.events").isEmpty();
    }

    @Test
    void aRefusedContactPointIsNamedByItsFieldButNeverQuotedInTheAnswer() throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"evt-cp\",\"source\":\"/crm\",\"type\":\"bank.customer.updated\","
                + "\"subject\":\"C1\",\"data\":{\"contactPoints\":{\"phone\":\"07700 900123\",\"email\":\"jane.doe at example.com\"}}}";

        mvc.perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content(event))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("/data/contactPoints/phone", "/data/contactPoints/email")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("900123"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("jane.doe"))));
    }

    @Test
    void malformedJsonIsRefusedWithProblemDetails() throws Exception {
        mvc.perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content("{\"specversion\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("/"));
    }

    @Test
    void missingSubjectIsNamed() throws Exception {
        mvc.perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content(EventIntakeTest.SALARY.replace("\"subject\":\"C1\",", "")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/subject"));
    }

    @Test
    void eventsFromNoCallerOrAWrongPasswordAreRefusedAndNothingIsPublished() throws Exception {
        ServiceApiTesting.refusesAnonymousAndWrongPassword(mvc, () -> post("/api/events").contentType(MediaType.APPLICATION_JSON)
                .content(EventIntakeTest.SALARY));

        assertThat(published).isEmpty();
    }

    @Test
    void bodiesOverTheLimitThatDeclareTheirLengthAreRefusedWith413NamingItBeforeAnyOfThemIsRead() throws Exception {
        for (long size : new long[] {TWO_MB, TWENTY_MB}) {
            var body = StreamedPost.withContentLength(size);

            mvc.perform(body.with(BANK))
                    .andExpect(status().is(413))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(413))
                    .andExpect(jsonPath("$.maxBodyBytes").value(LIMIT))
                    .andExpect(jsonPath("$.detail").value(containsString("at most " + LIMIT + " bytes")))
                    .andExpect(jsonPath("$.detail").value(containsString(size + " bytes by its Content-Length")));

            assertThat(body.read()).as("bytes read of a body of %d declared", size).isZero();
        }
        assertThat(published).as("nothing published anywhere").isEmpty();
        verifyNoInteractions(intake);
    }

    @Test
    void chunkedBodiesOverTheLimitAreRefusedWith413OnceTheBytesReadPassIt() throws Exception {
        for (long size : new long[] {TWO_MB, TWENTY_MB}) {
            var body = StreamedPost.chunked(size);

            mvc.perform(body.with(BANK))
                    .andExpect(status().is(413))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.maxBodyBytes").value(LIMIT))
                    .andExpect(jsonPath("$.detail").value(containsString("over " + LIMIT + " bytes as read")));

            assertThat(body.read()).as("bytes read of a chunked body of %d", size).isEqualTo(LIMIT + 1);
        }
        assertThat(published).as("nothing published anywhere").isEmpty();
        verifyNoInteractions(intake);
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadWholeAndAccepted() throws Exception {
        String batch = "[" + EventIntakeTest.SALARY + "," + EventIntakeTest.SALARY.replace("evt-1", "evt-2") + "]";
        for (var body : List.of(StreamedPost.withContentLength(batch, LIMIT), StreamedPost.chunked(batch, LIMIT))) {
            mvc.perform(body.with(BANK))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.results[1].id").value("evt-2"));

            assertThat(body.read()).isEqualTo(LIMIT);
        }
        assertThat(published).containsExactly(Topics.BANK_EVENTS, Topics.BANK_EVENTS, Topics.BANK_EVENTS, Topics.BANK_EVENTS);
    }

    @Test
    void theLimitIsConfiguration() throws Exception {
        assertThat(configured().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        var smaller = ServiceApiTesting.securedMockMvc(new EventsController(new BankEventValidator(), intake, publisher,
                new IntakeProperties(DataSize.ofKilobytes(64))));
        var body = StreamedPost.chunked("[" + EventIntakeTest.SALARY + "]", 100_000);

        smaller.perform(body.with(BANK))
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.maxBodyBytes").value(65536));

        assertThat(body.read()).isEqualTo(65537);
        assertThat(published).isEmpty();
    }

    @Test
    void anEventTooLargeToRecordAsReceivedIsRefusedAndRecordedByItsSizeAndDigest() throws Exception {
        // within the body limit, over the contract's 256 KiB per event: refused, and recorded without its value
        String event = EventIntakeTest.SALARY.replace("\n ", "").replace("\"iban\":\"GB00SECRET\"", "\"memo\":\"" + "x".repeat(600_000) + "\"");
        byte[] raw = event.getBytes(StandardCharsets.UTF_8);

        realIntake().perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content(raw))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("/"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("at most 262144")));

        assertThat(published).containsExactly(Topics.BANK_EVENTS_REJECTED);
        assertBounded(rejected.get(0), raw);
    }

    @Test
    void aBodyThatIsNotJsonAndTooLargeToRecordAsReceivedIsRecordedByItsSizeAndDigest() throws Exception {
        byte[] raw = ("{\"specversion\":\"1.0\",\"data\":\"" + "y".repeat(900_000)).getBytes(StandardCharsets.UTF_8);

        realIntake().perform(post("/api/events").with(BANK).contentType(MediaType.APPLICATION_JSON).content(raw))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(published).containsExactly(Topics.BANK_EVENTS_REJECTED);
        assertBounded(rejected.get(0), raw);
    }

    /** The controller over intake's real refusals (they touch no store): what reaches bank.events.rejected. */
    private MockMvc realIntake() {
        var real = new EventIntake(new BankEventValidator(), publisher, mock(MongoDatabase.class), new SimpleMeterRegistry(), io.beacon.platform.TestKeys.protection());
        return ServiceApiTesting.securedMockMvc(new EventsController(new BankEventValidator(), real, publisher, configured()));
    }

    private static void assertBounded(ProducerRecord<String, byte[]> record, byte[] refused) throws Exception {
        assertThat(record.value()).as("the value is left off").isEmpty();
        assertThat(header(record, "beacon_original_value")).isEqualTo("omitted");
        assertThat(header(record, "beacon_original_size")).isEqualTo(Integer.toString(refused.length));
        assertThat(header(record, "beacon_original_sha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(refused)));
        assertThat(header(record, "beacon_rejection_reason")).contains(refused.length + " bytes");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
