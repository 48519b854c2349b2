package io.beacon.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.ContentExperiment.Variant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContentExperimentTest {

    private static ContentExperiment experiment(String id, List<Variant> variants, double mde) {
        return new ContentExperiment(id, "Tone of voice", "EASY_SAVER", "sms", variants, mde, true, "ops", Instant.EPOCH, null);
    }

    private static final ContentExperiment AB = experiment("easy-saver-sms-goal", List.of(new Variant("default", 50), new Variant("goal", 50)), 0.02);

    @Test
    void aCustomerAlwaysGetsTheSameVariantAndTheSharesAreKept() {
        var split = experiment("three-way", List.of(new Variant("default", 50), new Variant("goal", 30), new Variant("warm", 20)), 0.02);
        Map<String, Long> counts = IntStream.range(0, 30_000).mapToObj(i -> split.assign("C" + i).name())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts.get("default")).isBetween(14_400L, 15_600L);
        assertThat(counts.get("goal")).isBetween(8_500L, 9_500L);
        assertThat(counts.get("warm")).isBetween(5_500L, 6_500L);
        IntStream.range(0, 100).forEach(i -> assertThat(split.assign("C" + i)).isEqualTo(split.assign("C" + i)));
        assertThat(AB.label(AB.assign("C1"))).startsWith("easy-saver-sms-goal/");
    }

    @Test
    void assignmentsOfTwoExperimentsAreIndependent() {
        var other = experiment("travel-card-sms-goal", AB.variants(), 0.02);
        long bothGoal = IntStream.range(0, 20_000).filter(i -> AB.assign("C" + i).name().equals("goal")
                && other.assign("C" + i).name().equals("goal")).count();

        assertThat(bothGoal).isBetween(4_600L, 5_400L);
    }

    @Test
    void aWellFormedExperimentHasNoProblems() {
        assertThat(AB.problems()).isEmpty();
    }

    @Test
    void aSplitThatDoesNotAddUpAndOtherMistakesAreNamedByField() {
        assertThat(experiment("easy-saver-sms-goal", List.of(new Variant("default", 50), new Variant("goal", 40)), 0.02).problems())
                .containsExactly(new Violation("/variants", "the shares add up to 90 %, not 100 %"));
        assertThat(experiment("x", List.of(new Variant("default", 100)), 0).problems()).extracting(Violation::field)
                .containsExactly("/id", "/variants", "/minimumDetectableEffect");
        assertThat(experiment("dupes", List.of(new Variant("goal", 50), new Variant("goal", 50)), 0.02).problems())
                .containsExactly(new Violation("/variants/1/name", "'goal' appears twice"));
        assertThat(new ContentExperiment("fax-test", null, "EASY_SAVER", "fax", AB.variants(), 0.02, true, null, null, null).problems())
                .extracting(Violation::field).containsExactly("/channel");
    }
}
