package io.beacon.profiles.tags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The window arithmetic of the shipped definitions in rules/tags, on a profile document. */
class PersonaTagsTest {

    static final PersonaTags SHIPPED = TagDefinitionLoader.load(Path.of("../../rules"));

    private final Document profile = new Document("_id", "C1").append("country", "GB");

    @Test
    void salaryCreditedTwiceIn60DaysHoldsFromTheSecondSalaryUntilTheFirstLeavesTheWindow() {
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-05T09:00:00Z");
        assertThat(span("salaryCreditedTwiceIn60Days")).isNull();

        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-02-04T09:00:00Z");
        Document span = span("salaryCreditedTwiceIn60Days");
        assertThat(span.getDate("from")).isEqualTo(date("2026-02-04T09:00:00Z"));
        // 5 January is the first of 60 days that end on 5 March; on 6 March at midnight it has left the window
        assertThat(span.getDate("until")).isEqualTo(date("2026-03-06T00:00:00Z"));
        assertThat(activeAt("2026-03-05T23:59:59.999Z")).contains("salaryCreditedTwiceIn60Days");
        assertThat(activeAt("2026-03-06T00:00:00Z")).doesNotContain("salaryCreditedTwiceIn60Days");
    }

    @Test
    void aSalaryOnTheLastDayOfTheWindowStillCountsAndOneDayLaterItDoesNot() {
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-01T23:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-03-01T00:30:00Z"); // day 60 of a window from 1 January
        assertThat(span("salaryCreditedTwiceIn60Days").getDate("until")).isEqualTo(date("2026-03-02T00:00:00Z"));

        Document other = new Document("_id", "C2");
        SHIPPED.upkeep(other, BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-01-01T23:00:00Z"));
        SHIPPED.upkeep(other, BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-03-02T00:30:00Z")); // day 61
        assertThat(other.get("personaTags", new Document())).doesNotContainKey("salaryCreditedTwiceIn60Days");
        // the day out of the window is no longer kept
        assertThat(other.get("tagState", Document.class).get("salaryCreditedTwiceIn60Days", Document.class)
                .getList("days", Document.class)).hasSize(1);
    }

    @Test
    void aThirdSalaryExtendsTheTagToTheSecondSalarysWindowKeepingWhenItBegan() {
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-05T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-02-04T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-03-04T09:00:00Z");
        Document span = span("salaryCreditedTwiceIn60Days");
        assertThat(span.getDate("from")).isEqualTo(date("2026-02-04T09:00:00Z"));
        assertThat(span.getDate("until")).isEqualTo(date("2026-04-05T00:00:00Z"));
    }

    @Test
    void windowsAreCalendarDaysInTheCustomersZoneAcrossADstChange() {
        profile.append("timeZone", "Europe/London");
        // 1 March is GMT; 90 days later, 30 May, London is on BST (UTC+1) since 29 March
        apply(BankEventType.TRANSACTION_POSTED, card("50.00", "FR"), "2026-03-01T10:00:00Z");
        Document span = span("cardSpendAbroadIn90Days");
        assertThat(span.getDate("until")).isEqualTo(Date.from(ZonedDateTime.of(2026, 5, 30, 0, 0, 0, 0, ZoneId.of("Europe/London")).toInstant()));
        assertThat(span.getDate("until")).isEqualTo(date("2026-05-29T23:00:00Z"));
        assertThat(activeAt("2026-05-29T22:59:59Z")).contains("cardSpendAbroadIn90Days");
        assertThat(activeAt("2026-05-29T23:00:00Z")).doesNotContain("cardSpendAbroadIn90Days");
    }

    @Test
    void theLocalDayDecidesWhichDayAnEventCountsFor() {
        profile.append("timeZone", "Asia/Shanghai");
        // 20:30 UTC on 31 January is 04:30 on 1 February in Shanghai: the window counts from 1 February
        apply(BankEventType.TRANSACTION_POSTED, card("50.00", "JP"), "2026-01-31T20:30:00Z");
        assertThat(span("cardSpendAbroadIn90Days").getDate("until"))
                .isEqualTo(Date.from(ZonedDateTime.of(2026, 5, 2, 0, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant()));
    }

    @Test
    void spendAtHomeOrWithoutAMerchantCountryIsNotSpendAbroad() {
        apply(BankEventType.TRANSACTION_POSTED, card("50.00", "GB"), "2026-01-05T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, json("{\"accountId\":\"A\",\"amount\":5,\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\"}"),
                "2026-01-06T09:00:00Z");
        assertThat(span("cardSpendAbroadIn90Days")).isNull();
    }

    @Test
    void aSumHoldsWhileTheDaysThatReachItStayInTheWindow() {
        apply(BankEventType.TRANSACTION_POSTED, card("600.00", "GB"), "2026-04-01T12:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, card("300.00", "GB"), "2026-04-10T12:00:00Z");
        assertThat(span("cardSpend1000In30Days")).isNull();
        apply(BankEventType.TRANSACTION_POSTED, card("150.00", "GB"), "2026-04-20T12:00:00Z");
        Document span = span("cardSpend1000In30Days");
        assertThat(span.getDate("from")).isEqualTo(date("2026-04-20T12:00:00Z"));
        // 150 + 300 fall short; with 1 April's 600 it is 1,050: the tag ends when 1 April leaves, at 1 May midnight
        assertThat(span.getDate("until")).isEqualTo(date("2026-05-01T00:00:00Z"));
        // a credit (a refund) is not card spend
        apply(BankEventType.TRANSACTION_POSTED, json("{\"accountId\":\"A\",\"amount\":5000,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"CARD\"}"),
                "2026-04-21T12:00:00Z");
        assertThat(span("cardSpend1000In30Days").getDate("until")).isEqualTo(date("2026-05-01T00:00:00Z"));
    }

    @Test
    void aTagWhoseWindowHasPassedIsGoneAtTheNextEventAndStartsAfreshFromIt() {
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-05T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-02-04T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-06-01T09:00:00Z");
        assertThat(span("salaryCreditedTwiceIn60Days")).isNull();
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-06-30T09:00:00Z");
        assertThat(span("salaryCreditedTwiceIn60Days").getDate("from")).isEqualTo(date("2026-06-30T09:00:00Z"));
    }

    @Test
    void noDigitalLoginFor60DaysAppearsOnTimeWithoutAWrite() {
        profile.append("timeZone", "America/New_York");
        apply(BankEventType.DIGITAL_LOGIN, json("{\"channel\":\"APP\"}"), "2026-09-10T15:00:00Z");
        Document span = span("noDigitalLoginFor60Days");
        // 60 days after 10 September is 9 November, New York on EST (UTC-5) since 1 November
        assertThat(span.getDate("from")).isEqualTo(date("2026-11-09T05:00:00Z"));
        assertThat(span.getDate("until")).isNull();
        assertThat(activeAt("2026-11-09T04:59:59Z")).doesNotContain("noDigitalLoginFor60Days");
        assertThat(activeAt("2026-11-09T05:00:00Z")).contains("noDigitalLoginFor60Days");

        apply(BankEventType.DIGITAL_LOGIN, json("{\"channel\":\"WEB\"}"), "2026-12-01T15:00:00Z");
        assertThat(activeAt("2026-12-01T15:00:01Z")).doesNotContain("noDigitalLoginFor60Days");
        assertThat(span("noDigitalLoginFor60Days").getDate("from")).isEqualTo(date("2027-01-30T05:00:00Z"));
    }

    @Test
    void aCustomerNeverSeenLoggingInIsWatchedFromTheFirstEventApplied() {
        apply(BankEventType.CUSTOMER_UPDATED, json("{\"segment\":\"MASS\"}"), "2026-02-01T08:00:00Z");
        assertThat(span("noDigitalLoginFor60Days").getDate("from")).isEqualTo(date("2026-04-02T00:00:00Z"));
        // events of other kinds do not move it
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-03-01T08:00:00Z");
        assertThat(span("noDigitalLoginFor60Days").getDate("from")).isEqualTo(date("2026-04-02T00:00:00Z"));
    }

    @Test
    void anAgeBandRunsFromThe25thBirthdayToTheDayBeforeThe36thInTheCustomersZone() {
        profile.append("birthDate", "1991-06-15").append("timeZone", "Asia/Shanghai");
        apply(BankEventType.CUSTOMER_UPDATED, json("{}"), "2026-01-01T00:00:00Z");
        Document span = span("age25to35");
        assertThat(span.getDate("from")).isEqualTo(date("2016-06-14T16:00:00Z"));
        assertThat(span.getDate("until")).isEqualTo(date("2027-06-14T16:00:00Z"));
        assertThat(activeAt("2027-06-14T15:59:59Z")).contains("age25to35");
        assertThat(activeAt("2027-06-14T16:00:00Z")).doesNotContain("age25to35");
        assertThat(activeAt("2016-06-14T15:59:59Z")).doesNotContain("age25to35");
    }

    @Test
    void aBirthDateChangeMovesTheAgeBandAndNoBirthDateMeansNone() {
        apply(BankEventType.CUSTOMER_UPDATED, json("{}"), "2026-01-01T00:00:00Z");
        assertThat(span("age25to35")).isNull();
        profile.put("birthDate", "2000-02-29");
        apply(BankEventType.CUSTOMER_UPDATED, json("{}"), "2026-01-02T00:00:00Z");
        // a 29 February birthday is kept on 28 February in a common year
        assertThat(span("age25to35").getDate("from")).isEqualTo(date("2025-02-28T00:00:00Z"));
        assertThat(span("age25to35").getDate("until")).isEqualTo(date("2036-02-29T00:00:00Z"));
    }

    @Test
    void aCustomerWhoRefusedProfilingKeepsNoTagsAndNoState() {
        profile.append("birthDate", "1995-01-01");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-05T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-06T09:00:00Z");
        assertThat(profile.get("personaTags", Document.class)).containsKeys("salaryCreditedTwiceIn60Days", "age25to35");

        profile.put("noProfiling", true);
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-07T09:00:00Z");
        assertThat(profile).doesNotContainKeys("personaTags", "tagState");
    }

    @Test
    void aChangedConditionStartsItsStateAfreshAndARemovedDefinitionTakesItsTag() {
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-05T09:00:00Z");
        apply(BankEventType.TRANSACTION_POSTED, salary(), "2026-01-06T09:00:00Z");
        var changed = TagDefinitionLoader.load(java.util.Map.of("tags/t.json", """
                {"tags": [{"name": "salaryCreditedTwiceIn60Days", "kind": "count", "event": "bank.transaction.posted",
                  "when": "category = \\"SALARY\\"", "windowDays": 60, "atLeast": 2}]}""".getBytes()));
        changed.upkeep(profile, BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-01-07T09:00:00Z"));
        // the new condition has counted one salary so far; the shipped tags it does not define are gone
        assertThat(profile).doesNotContainKey("personaTags");
        changed.upkeep(profile, BankEventType.TRANSACTION_POSTED, salary(), Instant.parse("2026-01-08T09:00:00Z"));
        assertThat(profile.get("personaTags", Document.class)).containsOnlyKeys("salaryCreditedTwiceIn60Days");
    }

    private void apply(BankEventType type, JsonNode data, String at) {
        SHIPPED.upkeep(profile, type, data, Instant.parse(at));
    }

    private Document span(String tag) {
        return profile.get("personaTags", new Document()).get(tag, Document.class);
    }

    private Set<String> activeAt(String at) {
        Set<String> active = new TreeSet<>();
        Date now = date(at);
        profile.get("personaTags", new Document()).forEach((name, value) -> {
            Document span = (Document) value;
            if (!span.getDate("from").after(now) && (span.getDate("until") == null || now.before(span.getDate("until")))) {
                active.add(name);
            }
        });
        return active;
    }

    static JsonNode salary() {
        return json("{\"accountId\":\"A\",\"amount\":2500.00,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
    }

    static JsonNode card(String amount, String merchantCountry) {
        return json("{\"accountId\":\"A\",\"amount\":" + amount + ",\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\",\"merchantCountry\":\"" + merchantCountry + "\"}");
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }

}
