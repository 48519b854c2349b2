package io.beacon.decisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.decision.ShadowReplay;
import io.beacon.decisioning.kafka.DecisionPipelineTest;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.platform.LiveFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proposed rules folder replayed beside the live one over a seeded history: the report is the exact difference the
 * change makes, event by event, and nothing else.
 */
class ShadowReplayTest {

    static Map<String, String> liveFiles;
    static RuleBase live;
    static final Map<String, String> JOURNEYS = Map.of("SalaryCredited", "first-salary");

    @BeforeAll
    static void load() {
        liveFiles = LiveFolder.read("rules", Path.of("../../rules"));
        live = ReplayController.compile(liveFiles);
    }

    /**
     * Six first salaries (four adults, two 16-year-olds) and six card payments. Live: the 16-year-olds are refused
     * NOT_ELIGIBLE_AGE (Easy Saver from 18). Proposed: Easy Saver from 16: exactly those two become offers.
     */
    @Test
    void loweringAnAgeLimitOffersExactlyTheCustomersItNowAdmits() throws Exception {
        var replay = new ShadowReplay(live, ReplayController.compile(withEasySaverMinAge(16)), JOURNEYS, JOURNEYS, 20);
        history().forEach(replay::accept);

        var report = replay.report();
        assertThat(report.events()).isEqualTo(12);
        assertThat(report.decided()).isEqualTo(6);
        assertThat(report.proposedVersion()).isNotEqualTo(report.liveVersion());
        assertThat(report.triggers()).containsExactly(new ShadowReplay.Line("SalaryCredited", 6, 6));
        assertThat(report.suppressions()).containsExactly(new ShadowReplay.Line("NOT_ELIGIBLE_AGE", 2, 0));
        assertThat(report.offers()).containsExactly(new ShadowReplay.Line("EASY_SAVER on first-salary", 4, 6));
        assertThat(report.changedEvents()).isEqualTo(2);
        assertThat(report.changedCustomers()).isEqualTo(2);
        assertThat(report.sample()).extracting(ShadowReplay.Change::customer).containsExactly("TE**01", "TE**02");
        assertThat(report.sample()).allSatisfy(change -> {
            assertThat(change.live()).isEqualTo("suppressed NOT_ELIGIBLE_AGE");
            assertThat(change.proposed()).isEqualTo("EASY_SAVER on first-salary");
        });
    }

    @Test
    void theLiveFilesReplayedAsAProposalChangeNothing() throws Exception {
        var replay = new ShadowReplay(live, ReplayController.compile(liveFiles), JOURNEYS, JOURNEYS, 20);
        history().forEach(replay::accept);

        assertThat(replay.report().changesAnything()).isFalse();
        assertThat(replay.report().offers()).containsExactly(new ShadowReplay.Line("EASY_SAVER on first-salary", 4, 4));
    }

    @Test
    void aTriggerMovedToAnotherJourneyCountsItsOffersThere() throws Exception {
        var replay = new ShadowReplay(live, live, JOURNEYS, Map.of("SalaryCredited", "salary-habit"), 20);
        history().forEach(replay::accept);

        assertThat(replay.report().offers()).containsExactly(
                new ShadowReplay.Line("EASY_SAVER on first-salary", 4, 0), new ShadowReplay.Line("EASY_SAVER on salary-habit", 0, 4));
        assertThat(replay.report().changedCustomers()).isEqualTo(4);
    }

    @Test
    void aProposalThatDoesNotCompileIsRefusedNamingFileAndLine() {
        var broken = new TreeMap<>(liveFiles);
        broken.put("triggers/salary.drl", liveFiles.get("triggers/salary.drl").replace("then", "then oops("));

        assertThatThrownBy(() -> ReplayController.compile(broken))
                .isInstanceOfSatisfying(RuleBase.RulesRejectedException.class,
                        e -> assertThat(e.details()).anySatisfy(p -> assertThat(p.file()).isEqualTo("triggers/salary.drl")));
    }

    static Map<String, String> withEasySaverMinAge(int age) throws Exception {
        var files = new TreeMap<>(liveFiles);
        var catalogue = (ObjectNode) Json.mapper().readTree(files.get("catalogue/offers.json"));
        for (var offer : catalogue.withArray("offers")) {
            if ("EASY_SAVER".equals(offer.path("code").asText())) {
                ((ObjectNode) offer).put("minAge", age);
            }
        }
        files.put("catalogue/offers.json", Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(catalogue));
        return files;
    }

    static List<ShadowReplay.Recorded> history() throws Exception {
        var events = new ArrayList<ShadowReplay.Recorded>();
        Instant at = Instant.parse("2026-11-20T09:00:00Z");
        for (int i = 1; i <= 6; i++) {
            boolean sixteen = i <= 2;
            String customer = "TEEN0" + i;
            if (!sixteen) {
                customer = "ADULT" + i;
            }
            String profile = "{\"birthDate\":\"" + (sixteen ? "2010-01-01" : "1985-05-05") + "\",\"country\":\"GB\"}";
            var salary = DecisionPipelineTest.salary("s" + i, customer, profile);
            events.add(new ShadowReplay.Recorded(salary, at.plusSeconds(i)));
            var payment = new ProfiledEvent("p" + i, "/cards", "bank.card.payment",
                    Json.mapper().readTree("{\"amount\":12.5,\"currency\":\"GBP\",\"merchantCountry\":\"GB\"}"), salary.profile());
            events.add(new ShadowReplay.Recorded(payment, at.plusSeconds(100 + i)));
        }
        return events;
    }
}
