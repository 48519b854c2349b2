package io.beacon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.BankEventValidator;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.ServiceApiTesting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class EventsControllerTest {

    private static final RequestPostProcessor BANK = ServiceApiTesting.caller("bank-core");

    private final List<String> published = new ArrayList<>();
    private EventIntake intake;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.publishRaw(anyString(), anyString(), any(), any())).thenAnswer(call -> {
            published.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        intake = mock(EventIntake.class);
        when(intake.reject(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        // through intake's own filter chain: the bank's core systems post as caller bank-core
        mvc = ServiceApiTesting.securedMockMvc(new EventsController(new BankEventValidator(), intake, publisher));
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
}
