package io.beacon.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.contracts.BankEventType;
import io.beacon.contracts.Json;
import io.beacon.platform.ContactPointProtection;
import io.beacon.platform.TestKeys;
import io.beacon.profiles.tags.PersonaTags;
import io.beacon.profiles.tags.TagDefinitionLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One event applied to a profile document as {@code ProfileStore.applyAll} does it (the event's own changes, then the
 * persona tag upkeep), without I/O, with no tag definitions ({@code tags=none}) and with the shipped rules/tags
 * ({@code tags=shipped}). Each invocation's event is an hour later than the last, so day buckets roll through their
 * windows as in a long-lived profile. Not a test (no *Test name); see the profiles README, "Performance".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ProfileUpkeepBenchmark {

    @Param({"none", "shipped"})
    public String tags;

    /** salary: a salary credit; card: a card payment abroad; login: a digital login (the most frequent kinds). */
    @Param({"salary", "card", "login"})
    public String event;

    private PersonaTags definitions;
    private ContactPointProtection protection;
    private Document profile;
    private BankEventType type;
    private JsonNode data;
    private Instant at;

    @Setup
    public void setUp() throws IOException {
        definitions = "shipped".equals(tags) ? TagDefinitionLoader.load(Path.of(System.getProperty("beacon.rules.dir", "rules")))
                : PersonaTags.none();
        protection = TestKeys.protection();
        profile = new Document("_id", "C000001").append("birthDate", "1990-05-05").append("country", "GB")
                .append("timeZone", "Europe/London").append("segment", "MASS");
        at = Instant.parse("2026-01-01T00:00:00Z");
        switch (event) {
            case "salary" -> {
                type = BankEventType.TRANSACTION_POSTED;
                data = Json.mapper().readTree("{\"accountId\":\"A\",\"amount\":2500.00,\"currency\":\"GBP\",\"direction\":\"CREDIT\",\"category\":\"SALARY\"}");
            }
            case "card" -> {
                type = BankEventType.TRANSACTION_POSTED;
                data = Json.mapper().readTree("{\"accountId\":\"A\",\"amount\":42.50,\"currency\":\"GBP\",\"direction\":\"DEBIT\",\"category\":\"CARD\",\"merchantCountry\":\"FR\"}");
            }
            default -> {
                type = BankEventType.DIGITAL_LOGIN;
                data = Json.mapper().readTree("{\"channel\":\"APP\"}");
            }
        }
    }

    @Benchmark
    public Document apply() {
        at = at.plus(Duration.ofHours(1));
        ProfileStore.ProfileChanges.apply(profile, type, data, at, protection);
        definitions.upkeep(profile, type, data, at);
        return profile;
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args)).include(ProfileUpkeepBenchmark.class.getSimpleName()).build()).run();
    }
}
