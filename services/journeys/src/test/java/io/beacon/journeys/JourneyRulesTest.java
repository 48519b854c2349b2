package io.beacon.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deploy-time checks. Beacon's compliance rules are checked against the very fixtures the bpmnlint plugin's tests
 * use (workflows/lint/test/fixtures), with the same verdicts, so the build's lint and the deploy gate cannot drift.
 */
class JourneyRulesTest {

    private static final Path WORKFLOWS = Path.of("../../workflows");
    private static final Path LINT_FIXTURES = WORKFLOWS.resolve("lint/test/fixtures");
    private final JourneyRules rules = new JourneyRules(JourneyRules.BEACON_JOB_TYPES);

    static Stream<Path> library() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("library")
    void everyJourneyOfTheLibraryPasses(Path journey) throws IOException {
        assertThat(rules.check(journey.getFileName().toString(), Files.readAllBytes(journey))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "journey-good.bpmn                      | ''                     | ''",
            "opt-out-missing.bpmn                   | test-journey           | lacks an interrupting event subprocess started by message <ConsentWithdrawn>",
            "opt-out-non-interrupting.bpmn          | Start_ConsentWithdrawn | must be interrupting",
            "opt-out-wrong-correlation.bpmn         | Start_ConsentWithdrawn | correlation key =customerId), found <=email>",
            "contact-policy-bypassed.bpmn           | Task_SendEmail         | reachable from start event <Start_Trigger> without passing a contact-policy check",
            "contact-policy-fallback-unchecked.bpmn | Task_SendSms           | after send task <Task_SendPush>",
            "contact-policy-fallback-checked.bpmn   | ''                     | ''",
            "contact-policy-event-subprocess.bpmn   | Task_SendGoodbye       | from start event <Start_ConsentWithdrawn>",
            "stage-missing.bpmn                     | test-journey           | declares no stage",
            "stage-invalid.bpmn                     | test-journey           | is <acquire>, expected attract, retain or leverage",
            "holdout-share-invalid.bpmn             | test-journey           | is <20%>, expected a share between 0 and 1",
            "send-template-missing.bpmn             | Task_SendSms           | names no message template",
            "send-template-empty.bpmn               | Task_SendSms           | names no message template",
            "maker-checker-good.bpmn                | ''                     | ''",
            "maker-checker-missing.bpmn             | Task_RequestRmReview   | needs a <request-offer-check> task",
            "maker-checker-duration.bpmn            | Timer_CheckSla         | must be a timer date"})
    void complianceRulesGiveTheLintPluginsVerdicts(String fixture, String element, String message) throws IOException {
        // the fixtures' process id is test-journey: checked under that file name, only the rule under test speaks
        var problems = rules.check("test-journey.bpmn", Files.readAllBytes(LINT_FIXTURES.resolve(fixture)));

        if (element.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.element()).isEqualTo(element);
                assertThat(p.message()).contains(message);
            });
        }
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithTheParsersReason() {
        var problems = rules.check("broken.bpmn", "<definitions><process id=\"broken\"".getBytes(StandardCharsets.UTF_8));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("broken.bpmn");
            assertThat(p.message()).startsWith("does not parse as BPMN: ");
        });
    }

    @Test
    void aJobTypeNoWorkerServesIsRefusedNamingTheTask() throws IOException {
        String journey = Files.readString(WORKFLOWS.resolve("first-salary.bpmn")).replace("type=\"check-suitability\"", "type=\"check-suitabilty\"");

        var problems = rules.check("first-salary.bpmn", journey.getBytes(StandardCharsets.UTF_8));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("Task_CheckSuitability");
            assertThat(p.message()).startsWith("job type <check-suitabilty> is not served by Beacon");
        });
        assertThat(problems.get(0).toString()).startsWith("first-salary.bpmn <Task_CheckSuitability>: job type <check-suitabilty>");
    }

    @Test
    void theProcessIdMustBeTheFileName() throws IOException {
        var problems = rules.check("salary-offer.bpmn", Files.readAllBytes(WORKFLOWS.resolve("first-salary.bpmn")));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("process id must equal the file name <salary-offer>"));
    }
}
