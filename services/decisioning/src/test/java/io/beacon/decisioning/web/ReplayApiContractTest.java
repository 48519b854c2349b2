package io.beacon.decisioning.web;

import io.beacon.decisioning.decision.ShadowReplay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.decisioning.Replay;
import io.beacon.contracts.api.decisioning.ReplayApi;
import io.beacon.contracts.api.decisioning.ReplayRequest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReplayApi}: a proposed rules folder replayed over recorded events, through the typed client. */
class ReplayApiContractTest extends DecisioningApiContract {

    @BeforeAll
    static void liveRules() {
        ShadowReplayTest.load();
    }

    @BeforeEach
    void recorded() throws Exception {
        RECORDED.clear();
        RECORDED.addAll(ShadowReplayTest.history());
    }

    @Test
    void aLowerAgeLimitIsReplayedIntoTheOffersItAdds() throws Exception {
        Replay replay = api(ReplayApi.class).replay(new ReplayRequest(ShadowReplayTest.withEasySaverMinAge(16), null, 7, 5));

        assertThat(replay.unreadable()).isZero();
        assertThat(replay.oldestKept()).isEqualTo(RECORDED.getFirst().at());
        assertThat(replay.tookMillis()).isNotNegative();
        var report = replay.report();
        assertThat(report.events()).isEqualTo(12);
        assertThat(report.decided()).isEqualTo(6);
        assertThat(report.proposedVersion()).isNotEqualTo(report.liveVersion());
        assertThat(report.from()).isEqualTo(RECORDED.getFirst().at());
        assertThat(report.offers()).containsExactly(new Replay.Line("EASY_SAVER on first-salary", 4, 6));
        assertThat(report.suppressions()).containsExactly(new Replay.Line("NOT_ELIGIBLE_AGE", 2, 0));
        assertThat(report.changedCustomers()).isEqualTo(2);
        assertThat(report.sample()).extracting(Replay.Change::proposed).containsOnly("EASY_SAVER on first-salary");
        assertThat(report.method()).isEqualTo(ShadowReplay.METHOD);
    }

    @Test
    void rulesThatDoNotLoadAreRefusedNamingFileAndLine() {
        var broken = new TreeMap<>(ShadowReplayTest.liveFiles);
        broken.put("triggers/salary.drl", broken.get("triggers/salary.drl").replace("then", "then oops("));

        assertThatThrownBy(() -> api(ReplayApi.class).replay(new ReplayRequest(broken, null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.type()).hasToString("https://beacon.example/problems/rules-refused");
                    assertThat(problem.detail()).startsWith("the proposed rules do not load");
                    assertThat(problem.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.field()).matches("triggers/salary\\.drl:\\d+"));
                });
    }

    @Test
    void aRequestWithoutRulesOrWithTooManyDaysNamesTheFields() {
        assertThatThrownBy(() -> api(ReplayApi.class).replay(new ReplayRequest(Map.of(), null, 40, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.type()).hasToString("https://beacon.example/problems/invalid-replay-request");
                    assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("/rules", "/days");
                });
    }
}
