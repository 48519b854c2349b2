package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.ReasonCode;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.consent.ConsentApi;
import io.beacon.contracts.api.consent.ConsentChangeRequest;
import io.beacon.contracts.api.consent.ConsentChecksRequest;
import io.beacon.contracts.api.consent.ConsentDecision;
import io.beacon.contracts.api.consent.ConsentHistoryEntry;
import io.beacon.contracts.api.consent.ConsentRecord;
import io.beacon.contracts.api.consent.Preferences;
import io.beacon.contracts.api.consent.PreferencesChange;
import io.beacon.contracts.api.consent.SendLease;
import io.beacon.contracts.api.consent.SendLeaseRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** ConsentApi: the controller over real HTTP, called through the typed client the senders, decisioning, sms and the console use. */
class ConsentApiContractTest extends ConsentOverHttp {

    private static final URI INVALID_CONSENT = URI.create("https://beacon.example/problems/invalid-consent");

    private ConsentApi console() {
        return api(ConsentApi.class, "console");
    }

    private static ConsentChangeRequest change(String channel, String status) {
        return new ConsentChangeRequest(channel, "marketing", status, null, "/console", "rm-alice", "asked in branch");
    }

    /** The call is refused as bad input naming exactly these fields, with the consent service's problem type. */
    private static void refusedNaming(ThrowableAssert.ThrowingCallable call, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.type()).isEqualTo(INVALID_CONSENT);
            assertThat(problem.detail()).isEqualTo("Invalid consent request; nothing was changed");
            assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly(fields);
        });
    }

    @Test
    void aChangeIsRecordedWithWhoAndAnswersTheConsentsNow() {
        ConsentRecord now = console().change("C-CHANGE", change("sms", "GRANTED"));

        assertThat(now.customerId()).isEqualTo("C-CHANGE");
        assertThat(now.sms().marketing().granted()).isTrue();
        assertThat(now.sms().marketing().legalBasis()).isEqualTo("CONSENT");
        assertThat(now.sms().marketing().source()).isEqualTo("/console by rm-alice");
        assertThat(now.sms().marketing().at()).isBefore(Instant.now().plusSeconds(1));
        assertThat(now.sms().profiling()).isNull();
        assertThat(now.push()).isNull();
        assertThat(now.updatedAt()).isNotNull();
        assertThat(console().current("C-CHANGE")).isEqualTo(now);

        refusedNaming(() -> console().change("C-CHANGE", new ConsentChangeRequest("fax", "marketing", "MAYBE", "HEARSAY", " ", null, null)),
                "/channel", "/status", "/legalBasis", "/source");
        assertThat(console().history("C-CHANGE")).hasSize(1);
        assertThatThrownBy(() -> console().current("C-NOBODY")).isInstanceOf(ApiProblem.NotFound.class);
    }

    @Test
    void aRefusalAlwaysCarriesItsReason() {
        ConsentApi decisioning = api(ConsentApi.class, "decisioning");
        console().change("C-CHECK", change("sms", "GRANTED"));

        assertThat(decisioning.check("C-CHECK", "sms", "marketing")).isEqualTo(new ConsentDecision(true, null));
        assertThat(decisioning.check("C-CHECK", "push", "marketing")).isEqualTo(new ConsentDecision(false, ReasonCode.NO_CONSENT));
        console().change("C-CHECK", change("all", "WITHDRAWN"));
        assertThat(decisioning.check("C-CHECK", "sms", "marketing")).isEqualTo(new ConsentDecision(false, ReasonCode.OPTED_OUT));

        var results = decisioning.checks(new ConsentChecksRequest(List.of("C-CHECK", "C-NEW", "C-CHECK"), null)).results();
        assertThat(results).containsOnlyKeys("C-CHECK", "C-NEW");
        assertThat(results.get("C-CHECK")).containsEntry("sms", new ConsentDecision(false, ReasonCode.OPTED_OUT));
        assertThat(results.get("C-NEW")).containsOnlyKeys("sms", "push", "email").containsEntry("email", new ConsentDecision(false, ReasonCode.NO_CONSENT));

        refusedNaming(() -> decisioning.check("C-CHECK", "fax", "marketing"), "channel/purpose");
        refusedNaming(() -> decisioning.checks(new ConsentChecksRequest(List.of(), "spam")), "/customerIds", "/purpose");
    }

    @Test
    void aSendLeaseIsGrantedAndGivenBackOrRefusedWithItsReason() {
        ConsentApi sender = api(ConsentApi.class, "email");
        console().change("C-LEASE", change("email", "GRANTED"));

        SendLease lease = sender.openSendLease("C-LEASE", new SendLeaseRequest("email", "marketing", "evt-1/email"));
        assertThat(lease.allowed()).isTrue();
        assertThat(lease.reason()).isNull();
        assertThat(lease.lease()).isNotBlank();
        assertThat(lease.until()).isAfter(Instant.now());
        sender.closeSendLease("C-LEASE", lease.lease());
        sender.closeSendLease("C-LEASE", lease.lease()); // given back twice: the same answer

        assertThat(sender.openSendLease("C-LEASE", new SendLeaseRequest("push", null, "evt-1/push")))
                .isEqualTo(new SendLease(false, ReasonCode.NO_CONSENT, null, null));
        refusedNaming(() -> sender.openSendLease("C-LEASE", new SendLeaseRequest("fax", "spam", null)), "/channel", "/purpose", "/key");
    }

    @Test
    void theHistoryIsEveryChangeOldestFirstAndComplianceSearchesItByTime() {
        Instant before = Instant.now().minusSeconds(1);
        console().change("C-HISTORY", change("sms", "GRANTED"));
        console().change("C-HISTORY", change("sms", "WITHDRAWN"));

        List<ConsentHistoryEntry> history = console().history("C-HISTORY");
        assertThat(history).extracting(ConsentHistoryEntry::granted).containsExactly(true, false);
        assertThat(history.get(0)).satisfies(entry -> {
            assertThat(entry.customerId()).isEqualTo("C-HISTORY");
            assertThat(entry.channel()).isEqualTo("sms");
            assertThat(entry.purpose()).isEqualTo("marketing");
            assertThat(entry.legalBasis()).isEqualTo("CONSENT");
            assertThat(entry.source()).isEqualTo("/console by rm-alice");
            assertThat(entry.at()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
        assertThat(console().history("C-NOBODY")).isEmpty();

        List<ConsentHistoryEntry> changes = console().changes(before.toString(), null, 1000);
        assertThat(changes).filteredOn(c -> c.customerId().equals("C-HISTORY")).extracting(ConsentHistoryEntry::granted).containsExactly(false, true);
        assertThat(console().changes(before.toString(), before.plusMillis(1).toString(), 1000)).isEmpty();

        refusedNaming(() -> console().changes(null, null, 10), "from");
        refusedNaming(() -> console().changes("yesterday", null, 0), "from", "limit");
    }

    @Test
    void theAppsPreferencesShowAndChangeMarketingPerChannelAndProfiling() {
        ConsentApi app = api(ConsentApi.class, "app");

        assertThat(app.preferences("C-PREFS")).isEqualTo(new Preferences("C-PREFS", Map.of("sms", false, "push", false, "email", false), true));
        assertThat(app.changePreferences("C-PREFS", new PreferencesChange(Map.of("email", true), false)))
                .isEqualTo(new Preferences("C-PREFS", Map.of("sms", false, "push", false, "email", true), false));

        refusedNaming(() -> app.changePreferences("C-PREFS", new PreferencesChange(Map.of("fax", true), null)), "/marketing/fax");
        refusedNaming(() -> app.changePreferences("C-PREFS", new PreferencesChange(null, null)), "/");
        assertThat(app.preferences("C-PREFS").marketing()).containsEntry("email", true);
    }
}
