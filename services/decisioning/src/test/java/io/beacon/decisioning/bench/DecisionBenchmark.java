package io.beacon.decisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One decision as the service makes it, without I/O: the trigger rules on a salary credit, then eligibility and
 * suitability of each product it triggered, on the shipped rules/ and catalogue. Not a test (no *Test name, so
 * surefire never runs it); see the decisioning README, "Performance", for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionBenchmark {

    static final String RULES_PROPERTY = "beacon.rules.dir";

    private Decisioning decisioning;
    private ProfiledEvent salaryCredit;
    private ProfiledEvent cardPayment;
    private LocalDate today;

    @Setup
    public void load() throws IOException {
        decisioning = new Decisioning(RuleBase.load(rulesDirectory()));
        today = LocalDate.parse("2026-11-22");
        ProfileSnapshot profile = Json.mapper().readValue("""
                {"customerId": "C000001", "birthDate": "1985-05-05", "country": "GB", "language": "en",
                 "timeZone": "Europe/London", "segment": "MASS", "holdings": ["CURRENT_ACCOUNT"],
                 "riskProfile": {"tolerance": 3, "knowledgeLevel": "BASIC", "assessedAt": "2026-06-01"},
                 "salary": {"amount": 3300, "previousAmount": 3000, "currency": "GBP"}}""", ProfileSnapshot.class);
        JsonNode salary = Json.mapper().readTree("""
                {"amount": 3300, "currency": "GBP", "direction": "CREDIT", "category": "SALARY"}""");
        JsonNode card = Json.mapper().readTree("""
                {"amount": 30, "currency": "GBP", "direction": "DEBIT", "category": "CARD", "merchantCountry": "GB"}""");
        salaryCredit = new ProfiledEvent("e1", "/bench", "bank.transaction.posted", salary, profile);
        cardPayment = new ProfiledEvent("e2", "/bench", "bank.transaction.posted", card, profile);
        if (decide(salaryCredit, null) == 0) {
            throw new IllegalStateException("the salary credit raised no trigger: the benchmark would measure nothing");
        }
    }

    /**
     * The expensive path, as the live trigger stage runs it: the trigger check, then the whole decision (triggers,
     * eligibility, suitability and offer history of the proposed offer, arbitration); no offer history, no I/O.
     */
    @Benchmark
    public int triggeredDecision(Blackhole bh) {
        return decide(salaryCredit, bh);
    }

    /** The common path (most events start nothing): trigger rules only. */
    @Benchmark
    public int eventWithoutTrigger(Blackhole bh) {
        return decide(cardPayment, bh);
    }

    private int decide(ProfiledEvent event, Blackhole bh) {
        var base = decisioning.ruleBase();
        var triggers = Decisioning.triggers(base, event, today).decisions();
        if (triggers.triggers().isEmpty()) {
            return 0;
        }
        var decision = Decisioning.decide(base, event, today, OfferHistory.none(), triggers);
        if (bh != null) {
            bh.consume(decision);
        }
        return decision.offers().size() * 100 + (decision.winner() == null ? 0 : 1);
    }

    static Path rulesDirectory() {
        Path rules = Path.of(System.getProperty(RULES_PROPERTY, "rules"));
        if (!Files.isDirectory(rules)) {
            throw new IllegalStateException("no rules folder at " + rules.toAbsolutePath() + "; pass -D" + RULES_PROPERTY + "=<path to rules/>");
        }
        return rules;
    }

    /** Runs with the annotations' settings; JMH command-line options (e.g. -f 0, -wi 1) override them. */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Path rules = rulesDirectory().toAbsolutePath().normalize();
        var options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(DecisionBenchmark.class.getName())
                .jvmArgsAppend("-D" + RULES_PROPERTY + "=" + rules)
                .build();
        new Runner(options).run();
    }
}
