package io.beacon.decisioning.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {

    private final ContactPolicy policy = new ContactPolicy(LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneId.of("Europe/London"));

    @Test
    void middayIsSentNow() {
        Instant noonInShanghai = Instant.parse("2026-11-22T04:00:00Z");
        assertThat(policy.nextAllowedSendTime(noonInShanghai, "Asia/Shanghai")).isEqualTo(noonInShanghai);
    }

    @Test
    void lateEveningIsDeferredToEightNextMorningInTheCustomersZone() {
        Instant elevenPmInShanghai = Instant.parse("2026-11-22T15:00:00Z");
        assertThat(policy.nextAllowedSendTime(elevenPmInShanghai, "Asia/Shanghai")).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void quietHoursStartExactlyAtNinePm() {
        assertThat(policy.nextAllowedSendTime(Instant.parse("2026-11-22T20:59:59Z"), "Europe/London")).isEqualTo(Instant.parse("2026-11-22T20:59:59Z"));
        assertThat(policy.nextAllowedSendTime(Instant.parse("2026-11-22T21:00:00Z"), "Europe/London")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void deferralAcrossTheSpringDstChangeLandsOnLocalEight() {
        // London moves to BST on 2027-03-28: 08:00 local is then 07:00 UTC.
        Instant lateSaturday = Instant.parse("2027-03-27T22:30:00Z");
        assertThat(policy.nextAllowedSendTime(lateSaturday, "Europe/London")).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
    }

    @Test
    void unknownZoneFallsBackToTheDefault() {
        assertThat(policy.nextAllowedSendTime(Instant.parse("2026-11-22T23:00:00Z"), "Mars/Olympus")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }
}
