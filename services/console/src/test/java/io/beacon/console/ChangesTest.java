package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.console.access.AuditLog;
import io.beacon.console.changes.ChangeGovernor;
import io.beacon.console.changes.Changes;
import io.beacon.console.changes.Proposal;
import io.beacon.console.changes.Releases;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.Json;
import io.beacon.contracts.LiveRelease;
import io.beacon.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Governed change through the console (ADR 0029): a proposal is checked by the services and replayed, goes live only on
 * a second person's approval as the next release on beacon.releases, can be rolled back in one act; refusals (the
 * author approving, a file already in another proposal, a proposal no longer current, checks that fail) change nothing
 * and are audited.
 */
class ChangesTest extends ConsoleTestBase {

    private static final RequestPostProcessor OPS = user("ops").roles("MARKETING_OPS");
    private static final RequestPostProcessor LEAD = user("ops-lead").roles("MARKETING_OPS", "APPROVER");
    private static final RequestPostProcessor SECOND = user("ann").roles("APPROVER");
    private static final String SALARY_DRL = "rules/triggers/salary.drl";
    private static final String REPORT = """
            {"report":{"liveVersion":"aaa","proposedVersion":"bbb","from":"2026-11-28T10:00:00Z","to":"2026-12-04T10:00:00Z",
             "events":1200,"decided":40,"triggers":[{"what":"SalaryCredited","live":40,"proposed":40}],
             "suppressions":[{"what":"NOT_ELIGIBLE_AGE","live":6,"proposed":0}],
             "offers":[{"what":"EASY_SAVER on first-salary","live":30,"proposed":36}],"changedEvents":6,"changedCustomers":6,
             "sample":[{"customer":"C0****12","eventType":"bank.transaction.posted","at":"2026-12-01T09:00:00Z",
                        "live":"suppressed NOT_ELIGIBLE_AGE","proposed":"EASY_SAVER on first-salary"}],"method":"both sides"},
             "unreadable":0,"oldestKept":"2026-11-20T00:00:00Z","tookMillis":900}""";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ChangeGovernor governor;

    @Autowired
    private Changes changes;

    @Autowired
    private AuditLog audit;

    @Autowired
    private Releases releases;

    @BeforeEach
    void liveReleaseAndServicesThatPass() {
        governor.ensureLive();
        SERVICES.stubFor(post(urlPathEqualTo("/journeys/api/journeys/check")).willReturn(okJson(
                "{\"journeys\":[{\"journey\":\"first-salary\",\"triggers\":[\"SalaryCredited\"],\"stage\":\"attract\"}],\"problems\":[]}")));
        for (String channel : List.of("sms", "push", "email")) {
            SERVICES.stubFor(post(urlPathEqualTo("/" + channel + "/api/templates/check")).willReturn(okJson("{\"version\":\"c1\",\"problems\":[]}")));
        }
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/check")).willReturn(okJson("""
                {"version":"c1","problems":[],"rendered":{"count":1,"shown":[{"template":"easy-saver-intro-sms","offer":"EASY_SAVER",
                 "locale":"en","personalised":true,"why":"OFFERED","parts":{"text":"Beacon Bank: Hi Jane, Easy Saver from 1 GBP. Reply STOP"}}]}}""")));
        SERVICES.stubFor(post(urlPathEqualTo("/decisioning/api/changes/replay")).willReturn(okJson(REPORT)));
    }

    @Test
    void theRepositorysFoldersAreReleaseOne() {
        var live = changes.live().orElseThrow();
        assertThat(live.number()).isEqualTo(1);
        assertThat(live.kind()).isEqualTo(LiveRelease.Kind.SEED);
        assertThat(live.files()).containsKey(SALARY_DRL).containsKey("workflows/first-salary.bpmn").containsKey("rules/catalogue/offers.json");
        assertThat(live.files().keySet()).noneMatch(path -> path.startsWith("workflows/") && !path.endsWith(".bpmn"));
        assertThat(releasesPublished()).extracting(LiveRelease::number).containsExactly(1L);
    }

    @Test
    void aProposalIsCheckedReplayedAndGoesLiveOnlyOnASecondPersonsApproval() throws Exception {
        String id = propose(LEAD, Map.of(SALARY_DRL, salaryRuleWithComment()));
        var ready = awaitChecked(id);
        assertThat(ready.status()).isEqualTo(Proposal.Status.READY);
        assertThat(ready.diff()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("modified");
            assertThat(d.unified()).contains("+// proposed: reviewed for the winter campaign");
        });
        assertThat(ready.report()).isNotNull();
        // the replay got the whole proposed rules folder; the journeys were not asked, as nothing of theirs changed; the
        // channels only rendered the message of the offer the replay makes more often (EASY_SAVER, 30 to 36)
        SERVICES.verify(postRequestedFor(urlPathEqualTo("/decisioning/api/changes/replay"))
                .withRequestBody(containing("reviewed for the winter campaign")));
        SERVICES.verify(0, postRequestedFor(urlPathEqualTo("/journeys/api/journeys/check")));
        SERVICES.verify(1, postRequestedFor(urlPathEqualTo("/sms/api/templates/check"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.offered[0]",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("EASY_SAVER"))));

        // the author, though an approver, cannot approve
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + id + "/approve").with(LEAD).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(changes.find(id).orElseThrow().status()).isEqualTo(Proposal.Status.READY);
        assertThat(releasesPublished()).extracting(LiveRelease::number).containsExactly(1L);
        assertThat(audit.search(null, null, null, 20)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops-lead");
            assertThat(e.action()).isEqualTo("CHANGE_APPROVE");
            assertThat(e.result()).isEqualTo("FORBIDDEN");
            assertThat(e.detail()).contains("four eyes");
        });

        // someone with only marketing ops cannot either
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + id + "/approve").with(OPS).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(changes.find(id).orElseThrow().status()).isEqualTo(Proposal.Status.READY);

        // a second approver makes it live as release 2, whole, on beacon.releases
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + id + "/approve").with(SECOND).with(csrf())).andExpect(status().is3xxRedirection());
        var live = changes.find(id).orElseThrow();
        assertThat(live.status()).isEqualTo(Proposal.Status.LIVE);
        assertThat(live.release()).isEqualTo(2L);
        assertThat(live.decidedBy()).isEqualTo("ann");
        var release = releasesPublished().getLast();
        assertThat(release.number()).isEqualTo(2);
        assertThat(release.kind()).isEqualTo(LiveRelease.Kind.PROPOSAL);
        assertThat(release.author()).isEqualTo("ops-lead");
        assertThat(release.approver()).isEqualTo("ann");
        assertThat(release.proposal()).isEqualTo(id);
        assertThat(release.files().get(SALARY_DRL)).contains("winter campaign");
        assertThat(release.files()).hasSameSizeAs(changes.live().orElseThrow().files());
        assertThat(audit.search(null, null, null, 50)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("CHANGE_APPROVED");
            assertThat(e.detail()).contains("release 2 live").contains("proposed by ops-lead");
        });

        // one act rolls it back: release 3 brings back release 1's files
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/rollback").param("live", "2").with(SECOND).with(csrf()))
                .andExpect(status().is3xxRedirection());
        var rolledBack = releasesPublished().getLast();
        assertThat(rolledBack.number()).isEqualTo(3);
        assertThat(rolledBack.kind()).isEqualTo(LiveRelease.Kind.ROLLBACK);
        assertThat(rolledBack.restores()).isEqualTo(1L);
        assertThat(rolledBack.hash()).isEqualTo(releasesPublished().getFirst().hash());
        assertThat(rolledBack.files().get(SALARY_DRL)).doesNotContain("winter campaign");

        // the page shows the history
        String page = mvc.perform(get("/ops/changes").with(OPS)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-release=\"3\"").contains("rollback to release 1").contains(id);

        // compliance finds every step in its search and its CSV
        String csv = mvc.perform(get("/compliance/export.csv").param("from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString())
                .with(user("compliance").roles("COMPLIANCE"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).contains("CHANGE_PROPOSED ACCEPTED").contains("CHANGE_CHECKED ACCEPTED").contains("CHANGE_APPROVE FORBIDDEN")
                .contains("CHANGE_APPROVED ACCEPTED").contains("CHANGE_ROLLED_BACK ACCEPTED").contains("proposal/" + id);
    }

    @Test
    void twoProposalsCannotHoldTheSameFile() throws Exception {
        String first = propose(OPS, Map.of(SALARY_DRL, salaryRuleWithComment()));
        var second = mvc.perform(proposal(LEAD, Map.of(SALARY_DRL, salaryRuleWithComment() + "\n// another edit\n")))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(json(second).path("detail").asText()).contains(SALARY_DRL + " is in proposal " + first + " by ops");
        assertThat(changes.list(10)).hasSize(1);

        // withdrawn, the file is free again
        awaitChecked(first);
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + first + "/withdraw").with(OPS).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(changes.find(first).orElseThrow().status()).isEqualTo(Proposal.Status.WITHDRAWN);
        mvc.perform(proposal(LEAD, Map.of(SALARY_DRL, salaryRuleWithComment() + "\n// another edit\n"))).andExpect(status().isAccepted());
    }

    @Test
    void aProposalCheckedAgainstAReleaseThatIsNoLongerLiveCannotBeApproved() throws Exception {
        String salary = propose(OPS, Map.of(SALARY_DRL, salaryRuleWithComment()));
        String lifecycle = propose(OPS, Map.of("rules/triggers/lifecycle.drl", read("rules/triggers/lifecycle.drl") + "\n// proposed\n"));
        awaitChecked(salary);
        awaitChecked(lifecycle);
        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + salary + "/approve").with(LEAD).with(csrf()));
        assertThat(changes.find(salary).orElseThrow().status()).isEqualTo(Proposal.Status.LIVE);

        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + lifecycle + "/approve").with(LEAD).with(csrf()));
        var stale = changes.find(lifecycle).orElseThrow();
        assertThat(stale.status()).isEqualTo(Proposal.Status.SUPERSEDED);
        assertThat(releasesPublished()).extracting(LiveRelease::number).containsExactly(1L, 2L);
        assertThat(audit.search(null, null, null, 50)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("CHANGE_APPROVE");
            assertThat(e.result()).isEqualTo("CONFLICT");
            assertThat(e.detail()).contains("no longer current").contains("release 2 is live now");
        });
    }

    @Test
    void aProposalWhoseChecksFailIsRefusedWithEveryReasonAndCanNeverGoLive() throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo("/decisioning/api/changes/replay")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://beacon.example/problems/rules-refused","title":"Rules refused","status":422,
                         "detail":"the proposed rules do not load: 1 problem(s)",
                         "errors":[{"field":"triggers/salary.drl:12","message":"unable to resolve method noSuchProperty()"}]}""")));
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/check")).willReturn(okJson("""
                {"version":"c2","problems":[{"file":"content/sms/zh-CN.yml","locale":"zh-CN","place":"easy-saver-intro-sms",
                 "message":"unknown placeholder {{fristName}}"}]}""")));

        String id = propose(OPS, Map.of(SALARY_DRL, salaryRuleWithComment(), "content/sms/zh-CN.yml", "easy-saver-intro-sms: \"{{fristName}}\"\n"));
        var refused = awaitChecked(id);

        assertThat(refused.status()).isEqualTo(Proposal.Status.REFUSED);
        assertThat(refused.problems()).contains("sms: content/sms/zh-CN.yml, zh-CN, easy-saver-intro-sms: unknown placeholder {{fristName}}");
        // the replay runs only once everything else passed
        SERVICES.verify(0, postRequestedFor(urlPathEqualTo("/decisioning/api/changes/replay")));

        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/check")).willReturn(okJson("{\"version\":\"c1\",\"problems\":[]}")));
        String second = propose(OPS, Map.of(SALARY_DRL, salaryRuleWithComment() + "x"));
        assertThat(awaitChecked(second).problems()).containsExactly("rules: the proposed rules do not load: 1 problem(s)",
                "rules/triggers/salary.drl:12: unable to resolve method noSuchProperty()");

        mvc.perform(MockMvcRequestBuilders.post("/ops/changes/" + second + "/approve").with(LEAD).with(csrf()));
        assertThat(changes.find(second).orElseThrow().status()).isEqualTo(Proposal.Status.REFUSED);
        assertThat(releasesPublished()).extracting(LiveRelease::number).containsExactly(1L);
    }

    @Test
    void aChangedJourneyIsCheckedByTheJourneysServiceAndReplayedWithTheTriggersItDeclares() throws Exception {
        SERVICES.stubFor(post(urlPathEqualTo("/journeys/api/journeys/check")).willReturn(okJson(
                "{\"journeys\":[{\"journey\":\"first-salary\",\"triggers\":[\"SalaryCredited\",\"SalaryRaised\"]}],\"problems\":[]}")));
        String bpmn = read("workflows/first-salary.bpmn").replace("Request RM review", "Request RM review (renamed)") + "\n";
        String id = propose(OPS, Map.of("workflows/first-salary.bpmn", bpmn));
        assertThat(awaitChecked(id).status()).isEqualTo(Proposal.Status.READY);

        SERVICES.verify(postRequestedFor(urlPathEqualTo("/journeys/api/journeys/check")).withRequestBody(containing("first-salary.bpmn")));
        SERVICES.verify(postRequestedFor(urlPathEqualTo("/decisioning/api/changes/replay"))
                .withRequestBody(containing("\"SalaryCredited\":\"first-salary\"")).withRequestBody(containing("\"SalaryRaised\":\"first-salary\"")));
    }

    @Test
    void aChangeSetThatIsNotAChangeIsRefusedNamingEachFile() throws Exception {
        var answer = mvc.perform(proposal(OPS, Map.of(SALARY_DRL, read(SALARY_DRL), "services/decisioning/pom.xml", "<project/>",
                        "workflows/lint/rules/x.js", "x")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json(answer).path("detail").asText())
                .contains(SALARY_DRL + ": unchanged from release 1")
                .contains("services/decisioning/pom.xml: not a file Beacon loads")
                .contains("workflows/lint/rules/x.js: not a file Beacon loads");
        assertThat(changes.list(10)).isEmpty();
    }

    @Test
    void theProposalPageShowsTheReplayAndOffersApprovalOnlyToAnotherApprover() throws Exception {
        String id = propose(OPS, Map.of(SALARY_DRL, salaryRuleWithComment()));
        awaitChecked(id);

        String forAuthor = mvc.perform(get("/ops/changes/" + id).with(OPS)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(forAuthor).contains("Replayed 1,200 recorded events").contains("EASY_SAVER on first-salary").contains("+6")
                .contains("C0****12").doesNotContain("id=\"approve\"")
                .contains("Messages the change would render").contains("Beacon Bank: Hi Jane, Easy Saver from 1 GBP. Reply STOP");
        String forLead = mvc.perform(get("/ops/changes/" + id).with(LEAD)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(forLead).contains("id=\"approve\"");
    }

    /** Production mode: a file edited on disk outside a proposal is refused, audited and shown; development mode makes it live. */
    @Test
    void aFileEditedOnDiskIsRefusedInGovernedModeAndGoesLiveInDirectMode(@org.junit.jupiter.api.io.TempDir Path disk) throws Exception {
        var folders = new java.util.LinkedHashMap<String, Path>();
        for (String area : List.of("rules", "workflows", "content")) {
            Path from = Path.of("../..").resolve(area);
            for (var file : io.beacon.platform.LiveFolder.read(area, from).entrySet()) {
                Path to = disk.resolve(area).resolve(file.getKey());
                Files.createDirectories(to.getParent());
                Files.writeString(to, file.getValue());
            }
            folders.put(area, disk.resolve(area));
        }
        Files.writeString(disk.resolve(SALARY_DRL), salaryRuleWithComment());
        var clock = java.time.Clock.systemUTC();

        var governed = new ChangeGovernor(io.beacon.platform.LiveFolder.ChangesMode.GOVERNED, folders, releases, changes, audit, clock,
                java.time.Duration.ofHours(1));
        governed.onDisk();
        assertThat(governed.refusedOnDisk()).hasValueSatisfying(refused -> {
            assertThat(refused.live()).isEqualTo(1);
            assertThat(refused.paths()).containsExactly(SALARY_DRL);
        });
        assertThat(releasesPublished()).extracting(LiveRelease::number).containsExactly(1L);
        assertThat(audit.search(null, null, null, 20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("FILES_REFUSED");
            assertThat(e.result()).isEqualTo("REFUSED");
            assertThat(e.detail()).contains("release 1 stays live").contains(SALARY_DRL);
        });

        var direct = new ChangeGovernor(io.beacon.platform.LiveFolder.ChangesMode.DIRECT, folders, releases, changes, audit, clock,
                java.time.Duration.ofHours(1));
        direct.onDisk();
        var release = releasesPublished().getLast();
        assertThat(release.number()).isEqualTo(2);
        assertThat(release.kind()).isEqualTo(LiveRelease.Kind.DIRECT);
        assertThat(release.files().get(SALARY_DRL)).contains("winter campaign");
        assertThat(direct.refusedOnDisk()).isEmpty();
    }

    private String propose(RequestPostProcessor who, Map<String, String> files) throws Exception {
        var answer = mvc.perform(proposal(who, files)).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        return json(answer).path("id").asText();
    }

    private static org.springframework.test.web.servlet.RequestBuilder proposal(RequestPostProcessor who, Map<String, String> files) throws Exception {
        return MockMvcRequestBuilders.post("/api/changes/proposals").with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(Json.mapper().writeValueAsString(Map.of("title", "Winter campaign review", "files", files)));
    }

    private Proposal awaitChecked(String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var proposal = changes.find(id).orElseThrow();
            if (proposal.status() != Proposal.Status.CHECKING) {
                return proposal;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " still being checked after 10 s");
    }

    private List<LiveRelease> releasesPublished() {
        return published().stream().filter(p -> p.topic().equals(Topics.RELEASES))
                .map(p -> BeaconEvents.data(p.event(), LiveRelease.class)).toList();
    }

    private static String salaryRuleWithComment() throws Exception {
        return read(SALARY_DRL) + "\n// proposed: reviewed for the winter campaign\n";
    }

    private static String read(String path) throws Exception {
        return Files.readString(Path.of("../..").resolve(path));
    }

    private static JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
