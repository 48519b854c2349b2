package io.beacon.decisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.OfferHistory;
import io.beacon.decisioning.rules.RuleBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * What the DMN targeting tables cost a decision, before and after in one run: {@code triggers=drl} decides on the shipped
 * rules with the five moved triggers as they were in DRL (src/test/resources/bench/triggers-in-drl, the tables
 * removed), {@code triggers=dmn} on the shipped rules as they are (the tables). {@code largeDeposit} is a triggered
 * decision whose trigger is a table row (DMN) or a rule (DRL); {@code salaryCredit} a triggered decision whose trigger
 * stays in DRL (the tables of its event type are evaluated and raise nothing); {@code cardPaymentAtHome} the most common
 * event, which raises nothing. Not a test; see the decisioning README, "Performance", for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TargetingBenchmark {

    static final List<String> DRL_TRIGGERS = List.of("spending.drl", "maturity-and-credit.drl", "onboarded.drl");

    @Param({"drl", "dmn"})
    public String triggers;

    private Decisioning decisioning;
    private ProfiledEvent largeDeposit;
    private ProfiledEvent salaryCredit;
    private ProfiledEvent cardPayment;
    private LocalDate today;

    @Setup
    public void load() throws IOException {
        // Drools' DMN engine logs a WARN for every table in which no row matched; the service turns it off (application.yml)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.kie.dmn.core.ast.DMNDTExpressionEvaluator"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Path rules = Files.createTempDirectory("beacon-targeting-bench");
        Path shipped = DecisionBenchmark.rulesDirectory();
        try (var files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = shipped.relativize(file).toString();
                if ("drl".equals(triggers) && name.endsWith(".dmn")) {
                    continue;
                }
                Path to = rules.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        if ("drl".equals(triggers)) {
            for (String drl : DRL_TRIGGERS) {
                try (InputStream in = TargetingBenchmark.class.getResourceAsStream("/bench/triggers-in-drl/" + drl)) {
                    Files.copy(in, rules.resolve("triggers/" + drl));
                }
            }
        }
        decisioning = new Decisioning(RuleBase.load(rules));
        today = LocalDate.parse("2026-11-22");
        ProfileSnapshot profile = Json.mapper().readValue("""
                {"customerId": "C000001", "birthDate": "1985-05-05", "country": "GB", "language": "en",
                 "timeZone": "Europe/London", "segment": "AFFLUENT", "holdings": ["CURRENT_ACCOUNT"],
                 "riskProfile": {"tolerance": 4, "knowledgeLevel": "INFORMED", "assessedAt": "2026-06-01"},
                 "salary": {"amount": 3300, "previousAmount": 3000, "currency": "GBP"}}""", ProfileSnapshot.class);
        largeDeposit = event("e1", """
                {"amount": 25000, "currency": "GBP", "direction": "CREDIT", "category": "TRANSFER"}""", profile);
        salaryCredit = event("e2", """
                {"amount": 3300, "currency": "GBP", "direction": "CREDIT", "category": "SALARY"}""", profile);
        cardPayment = event("e3", """
                {"amount": 30, "currency": "GBP", "direction": "DEBIT", "category": "CARD", "merchantCountry": "GB"}""", profile);
        for (var triggered : List.of(largeDeposit, salaryCredit)) {
            var raised = Decisioning.triggers(decisioning.ruleBase(), triggered, today).decisions().triggers();
            if (raised.size() != 1) {
                throw new IllegalStateException(triggers + ": " + triggered.data() + " raised " + raised + ": the benchmark would not compare like with like");
            }
        }
    }

    private static ProfiledEvent event(String id, String data, ProfileSnapshot profile) throws IOException {
        JsonNode json = Json.mapper().readTree(data);
        return new ProfiledEvent(id, "/bench", "bank.transaction.posted", json, profile);
    }

    @Benchmark
    public int largeDeposit(Blackhole bh) {
        return decide(largeDeposit, bh);
    }

    @Benchmark
    public int salaryCredit(Blackhole bh) {
        return decide(salaryCredit, bh);
    }

    @Benchmark
    public int cardPaymentAtHome(Blackhole bh) {
        return decide(cardPayment, bh);
    }

    private int decide(ProfiledEvent event, Blackhole bh) {
        var base = decisioning.ruleBase();
        var raised = Decisioning.triggers(base, event, today).decisions();
        if (raised.triggers().isEmpty()) {
            return 0;
        }
        var decision = Decisioning.decide(base, event, today, OfferHistory.none(), raised);
        bh.consume(decision);
        return decision.offers().size() * 100 + (decision.winner() == null ? 0 : 1);
    }

    /** Runs with the annotations' settings; JMH command-line options override them. */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Path rules = DecisionBenchmark.rulesDirectory().toAbsolutePath().normalize();
        var options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(TargetingBenchmark.class.getName())
                .jvmArgsAppend("-Dbeacon.rules.dir=" + rules)
                .build();
        new Runner(options).run();
    }
}
