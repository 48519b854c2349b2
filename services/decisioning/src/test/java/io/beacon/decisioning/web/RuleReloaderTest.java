package io.beacon.decisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.rules.RuleBase;
import io.beacon.decisioning.rules.RuleLoadValidationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleReloaderTest {

    @Test
    void changeIsSwappedInBrokenChangeIsRefusedAndTheFixIsSwappedIn(@TempDir Path rules) throws Exception {
        RuleLoadValidationTest.copyShipped(rules);
        var decisioning = new Decisioning(RuleBase.load(rules));
        String first = decisioning.ruleBase().version();
        var reloader = new RuleReloader(decisioning, rules, Duration.ofMillis(50), true);
        reloader.start();
        try {
            Path catalogue = rules.resolve(RuleBase.CATALOGUE);
            edit(catalogue, "\"expectedValue\": 40", "\"expectedValue\": 45");
            await(() -> !decisioning.ruleBase().version().equals(first));
            String second = decisioning.ruleBase().version();
            assertThat(decisioning.ruleBase().product("EASY_SAVER").orElseThrow().getExpectedValue()).isEqualTo(45);
            assertThat(reloader.status().version()).isEqualTo(second);
            assertThat(reloader.status().lastRejected()).isNull();

            Path salary = rules.resolve("triggers/salary.drl");
            String good = Files.readString(salary);
            Files.writeString(salary, good.replace("CustomerFact( firstOrChangedSalary )", "CustomerFact( noSuchProperty )"));
            await(() -> reloader.status().lastRejected() != null);
            assertThat(decisioning.ruleBase().version()).isEqualTo(second);
            assertThat(reloader.status().lastRejected().problems())
                    .anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo("triggers/salary.drl");
                        assertThat(p.line()).isPositive();
                        assertThat(p.reason()).contains("noSuchProperty");
                    });

            Files.writeString(salary, good.replace("decisions.trigger(", "decisions.trigger( "));
            await(() -> !decisioning.ruleBase().version().equals(second));
            assertThat(reloader.status().version()).isEqualTo(decisioning.ruleBase().version()).isNotEqualTo(first);
        } finally {
            reloader.stop();
        }
    }

    @Test
    void changeThatNoRuleReadsKeepsTheVersion(@TempDir Path rules) throws Exception {
        RuleLoadValidationTest.copyShipped(rules);
        var decisioning = new Decisioning(RuleBase.load(rules));
        RuleBase before = decisioning.ruleBase();
        var reloader = new RuleReloader(decisioning, rules, Duration.ofDays(1), true);
        reloader.start();
        try {
            Files.writeString(rules.resolve("README.md"), "notes");
            reloader.poll();
            reloader.poll();
            assertThat(decisioning.ruleBase()).isSameAs(before);
            assertThat(reloader.status().lastRejected()).isNull();
        } finally {
            reloader.stop();
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String before = Files.readString(file);
        assertThat(before).contains(from);
        Files.writeString(file, before.replace(from, to));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
