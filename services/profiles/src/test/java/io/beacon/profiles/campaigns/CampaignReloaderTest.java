package io.beacon.profiles.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignReloaderTest {

    @TempDir
    Path rules;

    @Test
    void aRefusedChangeKeepsThePreviousVersionServingAndSaysWhy() throws IOException {
        Files.createDirectories(rules.resolve("catalogue"));
        Files.copy(CampaignDefinitionsTest.SHIPPED.resolve("catalogue/offers.json"), rules.resolve("catalogue/offers.json"));
        copy("audiences/young-adults-without-savings.json");
        copy("campaigns/easy-saver-for-young-adults.json");
        var reloader = new CampaignReloader(rules, () -> CampaignDefinitionsTest.TAGS, Clock.systemUTC(), Duration.ofSeconds(1));
        reloader.loadNow();
        String served = reloader.get().version();
        assertThat(reloader.get().campaigns()).containsKey("easy-saver-for-young-adults");

        Files.writeString(rules.resolve("campaigns/easy-saver-for-young-adults.json"),
                Files.readString(rules.resolve("campaigns/easy-saver-for-young-adults.json")).replace("EASY_SAVER\"", "SPACE_TRAVEL\""));
        reloader.poll(); // seen
        reloader.poll(); // settled: judged

        assertThat(reloader.get().version()).isEqualTo(served);
        assertThat(reloader.get().campaigns().get("easy-saver-for-young-adults").offerCode()).isEqualTo("EASY_SAVER");
        assertThat(reloader.lastRejected().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("campaigns/easy-saver-for-young-adults.json");
            assertThat(p.pointer()).isEqualTo("/offer");
            assertThat(p.reason()).contains("SPACE_TRAVEL");
        });
    }

    private void copy(String file) throws IOException {
        Files.createDirectories(rules.resolve(file).getParent());
        Files.copy(CampaignDefinitionsTest.SHIPPED.resolve(file), rules.resolve(file));
    }
}
