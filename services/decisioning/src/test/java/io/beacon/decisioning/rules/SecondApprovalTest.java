package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which offers need a checker after the RM (ADR 0028): decided from the catalogue, by its flag or the value threshold,
 * and only ever for an offer the RM reviews.
 */
class SecondApprovalTest {

    @Test
    void theShippedCatalogueFlagsTheComplexFundAndNothingElse() {
        RuleBase base = RuleBase.load(RuleLoadValidationTest.RULES);

        assertThat(base.product("GLOBAL_EQUITY_FUND").orElseThrow().isSecondApproval()).isTrue();
        assertThat(base.needsSecondApproval("GLOBAL_EQUITY_FUND")).isTrue();
        assertThat(base.catalogue().keySet().stream().filter(base::needsSecondApproval)).containsExactly("GLOBAL_EQUITY_FUND");
        assertThat(base.needsSecondApproval("NO_SUCH_OFFER")).isFalse();
        assertThat(base.needsSecondApproval(null)).isFalse();
    }

    @Test
    void anRmReviewedOfferAboveTheValueThresholdNeedsACheckerBelowItDoesNot(@TempDir Path rules) throws IOException {
        RuleLoadValidationTest.copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE));
        // the fund loses its flag: only its value (300) against the threshold decides now
        String unflagged = catalogue.replace("\"secondApproval\": true,", "");
        assertThat(unflagged).isNotEqualTo(catalogue);

        Files.writeString(rules.resolve(RuleBase.CATALOGUE), unflagged.replace("\"secondApprovalAboveValue\": 1000", "\"secondApprovalAboveValue\": 299.5"));
        assertThat(RuleBase.load(rules).needsSecondApproval("GLOBAL_EQUITY_FUND")).isTrue();
        // not reviewed by an RM: never a checker, whatever its value (EASY_SAVER is worth 40)
        assertThat(RuleBase.load(rules).needsSecondApproval("EASY_SAVER")).isFalse();

        Files.writeString(rules.resolve(RuleBase.CATALOGUE), unflagged.replace("\"secondApprovalAboveValue\": 1000", "\"secondApprovalAboveValue\": 300"));
        assertThat(RuleBase.load(rules).needsSecondApproval("GLOBAL_EQUITY_FUND")).as("above, not at, the threshold").isFalse();

        Files.writeString(rules.resolve(RuleBase.CATALOGUE), unflagged.replace("\"secondApprovalAboveValue\": 1000,", ""));
        assertThat(RuleBase.load(rules).needsSecondApproval("GLOBAL_EQUITY_FUND")).as("no threshold, no flag").isFalse();
    }

    @Test
    void aSecondApprovalWithoutAnRmReviewIsRefusedByTheSchema(@TempDir Path rules) throws IOException {
        RuleLoadValidationTest.copyShipped(rules);
        String catalogue = Files.readString(rules.resolve(RuleBase.CATALOGUE));
        // EASY_SAVER (no RM review) gets the flag
        String broken = catalogue.replaceFirst("\"rmReview\": false,", "\"rmReview\": false, \"secondApproval\": true,");
        Files.writeString(rules.resolve(RuleBase.CATALOGUE), broken);

        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOfSatisfying(RuleBase.RulesRejectedException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("/offers/0/rmReview")));
    }
}
