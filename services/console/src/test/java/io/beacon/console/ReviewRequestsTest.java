package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.beacon.console.review.OfferReview;
import io.beacon.console.review.ReviewRequests;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import io.beacon.platform.OutcomePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import io.beacon.contracts.api.profiles.ProfilesApi;

/** request-rm-review: the journey's request lands in the right RM's queue, once, with the journey's own SLA. */
class ReviewRequestsTest extends ConsoleTestBase {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Autowired
    private ProfilesApi profiles;

    private final OutcomePublisher publisher = mock(OutcomePublisher.class);

    private ReviewRequests requests() {
        return new ReviewRequests(reviews, profiles, publisher, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void opensTheReviewInTheCustomersRmQueueDueWhenTheJourneysSlaPasses() {
        var variables = Map.<String, Object>of("customerId", "C-2", "productCode", "GLOBAL_EQUITY_FUND", "decisionId", "D-9",
                "trigger", "LargeDeposit", "sourceEventId", "E-9", "reviewSla", "PT8H");

        OfferReview review = requests().request(variables, "large-deposit-investment", "2251799813685249", "Task_RequestRmReview");

        assertThat(review.relationshipManager()).isEqualTo("rm-2");
        assertThat(review.dueAt()).isEqualTo(NOW.plus(Duration.ofHours(8)));
        assertThat(reviews.pending("rm-2")).extracting(OfferReview::id)
                .containsExactly(io.beacon.contracts.JourneyKeys.runId("E-9", "large-deposit-investment"));
        var outcome = ArgumentCaptor.forClass(OfferOutcome.class);
        verify(publisher).publish(outcome.capture());
        assertThat(outcome.getValue().type()).isEqualTo(OutcomeType.REVIEW_REQUESTED);
        assertThat(outcome.getValue().journeyInstance()).isEqualTo("2251799813685249");

        requests().request(variables, "large-deposit-investment", "2251799813685249", "Task_RequestRmReview");
        assertThat(reviews.pending(null)).as("a retried job opens no second review").hasSize(1);
    }

    @Test
    void aJourneyReCreatedOnANewEngineFindsItsReview_andAnotherRunWithTheOldInstanceKeyOpensItsOwn() {
        var variables = Map.<String, Object>of("customerId", "C-2", "productCode", "GLOBAL_EQUITY_FUND", "sourceEventId", "E-9");
        requests().request(variables, "large-deposit-investment", "2251799813685249", "Task_RequestRmReview");

        // re-created after the loss of the engine (ADR 0020): a new instance of the same run
        requests().request(variables, "large-deposit-investment", "2251799813685877", "Task_RequestRmReview");
        assertThat(reviews.pending(null)).as("the re-created run's review is the one it had").hasSize(1);

        // the new engine hands the lost instance's key to another customer's run
        requests().request(Map.of("customerId", "C-3", "productCode", "GLOBAL_EQUITY_FUND", "sourceEventId", "E-10"),
                "large-deposit-investment", "2251799813685249", "Task_RequestRmReview");
        assertThat(reviews.pending(null)).extracting(OfferReview::customerId).containsExactlyInAnyOrder("C-2", "C-3");
    }

    @Test
    void withoutAnSlaTheReviewIsDueInTwoDaysAsTheJourneysTimer() {
        OfferReview review = requests().request(Map.of("customerId", "C-1", "productCode", "GLOBAL_EQUITY_FUND"), "j", "1", "Task");

        assertThat(review.dueAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(review.relationshipManager()).isEqualTo("rm-1");
    }

    @Test
    void aRequestMissingTheCustomerOrAnUnreadableSlaFailsTheJobWithTheReason() {
        assertThatThrownBy(() -> requests().request(Map.of("productCode", "X"), "j", "1", "Task"))
                .hasMessage("job variable 'customerId' is missing");
        assertThatThrownBy(() -> requests().request(Map.of("customerId", "C-1", "productCode", "X", "reviewSla", "two days"), "j", "1", "Task"))
                .hasMessageContaining("reviewSla 'two days' is not an ISO 8601 duration");
        assertThat(reviews.pending(null)).isEmpty();
    }
}
