package io.beacon.console.review;

import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;

/**
 * Publishes {@code OfferReviewed} to Zeebe, correlated like the journey's subscription ({@code customerId:productCode}),
 * with the review id as message id (a repeat within the TTL is refused by the engine, not delivered twice) and a TTL
 * that ends with the SLA: a message that arrives after the journey stopped waiting is never correlated later.
 */
public class ZeebeReviewMessages implements ReviewMessages, CheckMessages {

    static final String OFFER_REVIEWED = "OfferReviewed";
    static final String OFFER_CHECKED = "OfferChecked";

    private final CamundaClient client;
    private final Clock clock;

    public ZeebeReviewMessages(CamundaClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void offerReviewed(OfferReview review, boolean approved, String reason, String note, String reviewedBy) {
        var variables = new HashMap<String, Object>();
        variables.put("approved", approved);
        variables.put("reviewReason", reason);
        variables.put("reviewedBy", reviewedBy);
        if (note != null) {
            variables.put("personalNote", note);
        }
        Duration ttl = Duration.between(clock.instant(), review.dueAt());
        client.newPublishMessageCommand()
                .messageName(OFFER_REVIEWED)
                .correlationKey(review.customerId() + ":" + review.productCode())
                .messageId("review/" + review.id())
                .timeToLive(ttl.isNegative() ? Duration.ZERO : ttl)
                .variables(variables)
                .send().join();
    }

    /** {@code OfferChecked}: the same correlation, message id {@code check/<review id>}, TTL to the same deadline. */
    @Override
    public void offerChecked(OfferReview review, boolean approved, String reason, String checkedBy) {
        var variables = new HashMap<String, Object>();
        variables.put("checkApproved", approved);
        variables.put("checkReason", reason);
        variables.put("checkedBy", checkedBy);
        Duration ttl = Duration.between(clock.instant(), review.dueAt());
        client.newPublishMessageCommand()
                .messageName(OFFER_CHECKED)
                .correlationKey(review.customerId() + ":" + review.productCode())
                .messageId("check/" + review.id())
                .timeToLive(ttl.isNegative() ? Duration.ZERO : ttl)
                .variables(variables)
                .send().join();
    }
}
