package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;
import io.beacon.delivery.Receipts;
import io.beacon.delivery.SenderFixture;
import io.beacon.platform.UnsubscribeTokens;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class EmailTrackingTest {

    private static final String SECRET = "tracking-secret-tracking-secret-000";
    private static final io.beacon.delivery.ProfilesClient.Recipient JANE =
            new io.beacon.delivery.ProfilesClient.Recipient("C-1001", "Jane", "en-GB", "jane.doe@example.com", false);

    @RegisterExtension
    static SenderFixture fixture = SenderFixture.forChannel(Channel.EMAIL, "jane.doe@example.com");

    private final EmailTracking tracking = new EmailTracking(true, URI.create("https://mail.bank.example"),
            URI.create("https://bank.example/offers"), SECRET);
    private final DeliveryRequest request = fixture.salaryCreditedOffer();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        // through email's own filter chain: a mail client fetches the pixel and follows the link without any account
        mvc = io.beacon.platform.ServiceApiTesting.securedMockMvc(new TrackingController(tracking, fixture.ledger(),
                new Receipts(fixture.ledger(), fixture.outcomes(), Clock.systemUTC())));
        fixture.ledger().claim(request, "j***@example.com");
        fixture.ledger().markSent(request.idempotencyKey());
    }

    @Test
    void carriesAPixelAndATrackedLinkWhenOnAndNeitherWhenOff() {
        OfferEmail tracked = text(tracking).offer(request, JANE);
        EmailTracking.Links links = tracking.links(request.idempotencyKey(), "TERM_DEPOSIT_12M");
        assertThat(tracked.html()).contains("<img src=\"" + links.pixel() + "\" width=\"1\" height=\"1\"", "href=\"" + links.click() + "\"");
        assertThat(tracked.text()).contains(links.click().toString());
        assertThat(links.click().toString()).as("the key is sealed, not readable").doesNotContain("evt-0001");

        var off = new EmailTracking(false, null, URI.create("https://bank.example/offers"), null);
        OfferEmail untracked = text(off).offer(request, JANE);
        assertThat(untracked.html()).doesNotContain("<img").contains("href=\"https://bank.example/offers/TERM_DEPOSIT_12M\"");
    }

    @Test
    void anOpenAndAClickBecomeOutcomesOfTheSend() throws Exception {
        EmailTracking.Links links = tracking.links(request.idempotencyKey(), "TERM_DEPOSIT_12M");

        mvc.perform(MockMvcRequestBuilders.get(links.pixel().getPath()))
                .andExpect(status().isOk()).andExpect(content().contentType("image/gif"));
        mvc.perform(MockMvcRequestBuilders.get(links.click().getPath()))
                .andExpect(status().isFound()).andExpect(header().string("Location", "https://bank.example/offers/TERM_DEPOSIT_12M"));

        assertThat(fixture.outcomes().published).extracting(OfferOutcome::type).containsExactly(OutcomeType.OPENED, OutcomeType.CLICKED);
        assertThat(fixture.outcomes().published).allSatisfy(outcome -> {
            assertThat(outcome.channel()).isEqualTo("email");
            assertThat(outcome.sourceEventId()).isEqualTo("evt-0001");
            assertThat(outcome.step()).isEqualTo("Task_SendEmailOffer");
        });
    }

    @Test
    void aForgedTokenRecordsNothingAndRedirectsNowhere() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/t/o/forged-token.gif")).andExpect(status().isOk());
        mvc.perform(MockMvcRequestBuilders.get("/t/c/forged-token")).andExpect(status().isNotFound());

        assertThat(fixture.outcomes().published).isEmpty();
    }

    private static EmailText text(EmailTracking tracking) {
        return EmailText.load(io.beacon.delivery.TestContent.repository(), "Beacon Bank", URI.create("https://bank.example/unsubscribe"), URI.create("https://bank.example/profiling"),
                new UnsubscribeTokens("test-secret-test-secret-test-secret"), tracking, EmailTextTest.NOV_22);
    }
}
