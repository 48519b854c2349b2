package io.beacon.profiles.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignDefinitionsTest {

    static final Set<String> TAGS = Set.of("salaryCreditedTwiceIn60Days", "cardSpendAbroadIn90Days", "age25to35", "noDigitalLoginFor60Days");
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final Path SHIPPED = Path.of("../../rules").toAbsolutePath().normalize();

    @TempDir
    Path rules;

    @BeforeEach
    void copyCatalogue() throws IOException {
        Files.createDirectories(rules.resolve("catalogue"));
        Files.copy(SHIPPED.resolve("catalogue/offers.json"), rules.resolve("catalogue/offers.json"));
        audience("tagged", "list contains(tags, \"salaryCreditedTwiceIn60Days\") or country = \"GB\"");
    }

    @Test
    void shippedAudiencesAndCampaignsLoad() {
        var loaded = CampaignDefinitions.load(SHIPPED, TAGS, NOW);

        assertThat(loaded.audiences()).containsKeys("regular-earners-abroad", "young-adults-without-savings");
        assertThat(loaded.campaigns().get("easy-saver-for-young-adults")).satisfies(c -> {
            assertThat(c.offerCode()).isEqualTo("EASY_SAVER");
            assertThat(c.schedule()).isInstanceOf(Schedule.AfterPublished.class);
        });
        assertThat(loaded.audiences().get("regular-earners-abroad").expression().tagsNamed()).containsExactlyInAnyOrder("salaryCreditedTwiceIn60Days", "cardSpendAbroadIn90Days");
    }

    @Test
    void refusesAnAudienceNamingAnUnknownAttributeWithFileLineAndReason() throws IOException {
        audience("typo", "agee >= 25");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("audiences/typo.json");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.pointer()).isEqualTo("/expression");
            assertThat(p.reason()).contains("agee");
        });
    }

    @Test
    void refusesAnAudienceNamingAnUnknownTag() throws IOException {
        audience("unknown-tag", "list contains(tags, \"salary-regualr\") and age > 20");
        audience("unknown-tag-in", "\"big-spender\" in tags");

        assertThat(problems()).extracting(CampaignProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("unknown tag 'salary-regualr'"))
                .anySatisfy(r -> assertThat(r).contains("unknown tag 'big-spender'"));
    }

    @Test
    void refusesAnAudienceThatIsNotFeel() throws IOException {
        audience("broken", "age >= and");

        assertThat(problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("audiences/broken.json");
            assertThat(p.pointer()).isEqualTo("/expression");
        }).anySatisfy(p -> assertThat(p.reason()).contains(">="));
    }

    @Test
    void refusesACampaignForAnOfferNotInTheCatalogue() throws IOException {
        campaign("c1", "tagged", "NO_SUCH_OFFER", "{\"at\": \"2026-12-24T09:00:00Z\"}");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("campaigns/c1.json");
            assertThat(p.pointer()).isEqualTo("/offer");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.reason()).contains("NO_SUCH_OFFER").contains("catalogue");
        });
    }

    @Test
    void refusesACampaignForAnOfferThatNeedsAnRmReview() throws IOException {
        campaign("c1", "tagged", "GLOBAL_EQUITY_FUND", "{\"at\": \"2026-12-24T09:00:00Z\"}");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/offer");
            assertThat(p.reason()).contains("RM review");
        });
    }

    @Test
    void refusesACampaignNamingAnUnknownAudience() throws IOException {
        campaign("c1", "nobody", "TRAVEL_CARD", "{\"at\": \"2026-12-24T09:00:00Z\"}");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/audience");
            assertThat(p.reason()).contains("unknown audience 'nobody'");
        });
    }

    @Test
    void refusesASchedulesThatNeverFires() throws IOException {
        campaign("feb30", "tagged", "TRAVEL_CARD", "{\"cron\": \"0 0 9 30 2 *\", \"zone\": \"Europe/London\"}");
        campaign("ended", "tagged", "TRAVEL_CARD", "{\"cron\": \"0 0 9 * * MON\", \"zone\": \"Europe/London\", \"until\": \"2026-12-01T00:00:00Z\"}");
        campaign("garbled", "tagged", "TRAVEL_CARD", "{\"cron\": \"every monday\", \"zone\": \"Europe/London\"}");

        assertThat(problems()).extracting(p -> p.file() + " " + p.pointer() + " " + p.reason())
                .anySatisfy(r -> assertThat(r).startsWith("campaigns/feb30.json /schedule/cron").contains("never fires"))
                .anySatisfy(r -> assertThat(r).startsWith("campaigns/ended.json /schedule/until").contains("never fires"))
                .anySatisfy(r -> assertThat(r).startsWith("campaigns/garbled.json /schedule/cron").contains("not a cron expression"));
    }

    @Test
    void refusesAScheduleWithTwoKindsOrAFieldTheSchemaDoesNotKnow() throws IOException {
        campaign("both", "tagged", "TRAVEL_CARD", "{\"at\": \"2026-12-24T09:00:00Z\", \"cron\": \"0 0 9 * * *\", \"zone\": \"UTC\"}");

        assertThat(problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo("campaigns/both.json"));
    }

    @Test
    void nothingIsHalfLoadedOneBadFileRefusesTheWholeVersion() throws IOException {
        campaign("good", "tagged", "TRAVEL_CARD", "{\"at\": \"2026-12-24T09:00:00Z\"}");
        campaign("bad", "tagged", "NOPE", "{\"at\": \"2026-12-24T09:00:00Z\"}");

        assertThatThrownBy(() -> CampaignDefinitions.load(rules, TAGS, NOW)).isInstanceOf(CampaignsRefusedException.class)
                .hasMessageContaining("campaigns/bad.json");
    }

    @Test
    void aValidVersionLoadsWithAStableVersion() throws IOException {
        campaign("good", "tagged", "TRAVEL_CARD", "{\"cron\": \"0 0 9 * * MON\", \"zone\": \"Asia/Shanghai\"}");

        var first = CampaignDefinitions.load(rules, TAGS, NOW);
        var again = CampaignDefinitions.load(rules, TAGS, NOW.plusSeconds(60));

        assertThat(first.campaigns()).containsOnlyKeys("good");
        assertThat(again.version()).isEqualTo(first.version());
    }

    private List<CampaignProblem> problems() {
        try {
            CampaignDefinitions.load(rules, TAGS, NOW);
        } catch (CampaignsRefusedException e) {
            return e.problems();
        }
        throw new AssertionError("the version was accepted");
    }

    private void audience(String id, String expression) throws IOException {
        Files.createDirectories(rules.resolve("audiences"));
        Files.writeString(rules.resolve("audiences/" + id + ".json"), """
                {
                  "id": "%s",
                  "name": "%s",
                  "expression": %s
                }
                """.formatted(id, id, io.beacon.contracts.Json.mapper().valueToTree(expression).toString()));
    }

    private void campaign(String id, String audience, String offer, String schedule) throws IOException {
        Files.createDirectories(rules.resolve("campaigns"));
        Files.writeString(rules.resolve("campaigns/" + id + ".json"), """
                {
                  "id": "%s",
                  "name": "%s",
                  "audience": "%s",
                  "offer": "%s",
                  "schedule": %s,
                  "sendWindow": {"from": "08:00", "until": "21:00"},
                  "ratePerSecond": 100,
                  "confirmAbove": 1000
                }
                """.formatted(id, id, audience, offer, schedule));
    }
}
