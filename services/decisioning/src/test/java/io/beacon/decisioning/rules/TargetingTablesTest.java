package io.beacon.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contracts.Json;
import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.ProfiledEvent;
import io.beacon.decisioning.decision.Decisioning;
import io.beacon.decisioning.decision.Simulation;
import io.beacon.decisioning.web.RuleReloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DMN targeting tables: what a bad table is refused with, hot reload with the DRL, Modeler's layout, the inputs. */
class TargetingTablesTest {

    static final Path RULES = RuleFixturesTest.RULES;
    static final String SPENDING = "triggers/spending.dmn";
    static final LocalDate TODAY = LocalDate.parse("2026-11-22");

    /** The shipped rules: DRL, tables, catalogue. */
    static void copyRules(Path target) throws IOException {
        try (var files = Files.walk(RULES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(RULES.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }

    private static RuleProblem refused(Path rules, String file, String from, String to) throws IOException {
        Path path = rules.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
        var e = catchThrowableOfType(RuleBase.RulesRejectedException.class, () -> RuleBase.load(rules));
        assertThat(e).as("the change is refused").isNotNull();
        assertThat(e.details()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
        return e.details().get(0);
    }

    @Test
    void anUnknownVariableInAColumnIsRefusedNamingTheTableAndColumn(@TempDir Path rules) throws IOException {
        copyRules(rules);
        var problem = refused(rules, SPENDING, "<text>merchantCountry</text>", "<text>merchantCountri</text>");
        assertThat(problem.line()).isPositive();
        assertThat(problem.reason()).contains("SpendAbroadTargeting").contains("merchantCountri");
    }

    @Test
    void anInputThatIsNotATargetingInputIsRefusedListingTheInputsATableMayUse(@TempDir Path rules) throws IOException {
        copyRules(rules);
        var problem = refused(rules, SPENDING, "name=\"merchantCountry\">", "name=\"income\">");
        assertThat(problem.line()).isPositive();
        assertThat(problem.reason()).contains("unknown input 'income'").contains("eventType", "amount", "tags");
    }

    @Test
    void aTypeMismatchIsRefusedNamingTheRowAndColumn(@TempDir Path rules) throws IOException {
        copyRules(rules);
        String text = Files.readString(rules.resolve(SPENDING));
        var problem = refused(rules, SPENDING, "id=\"UnaryTests_ld_EUR_5\"><text>&gt;= 12000</text>",
                "id=\"UnaryTests_ld_EUR_5\"><text>&gt;= \"12000\"</text>");
        assertThat(problem.line()).isEqualTo(RuleLoadValidationTest.lineOf(text, "id=\"DecisionRule_ld_EUR\""));
        assertThat(problem.reason()).contains("table LargeDepositTargeting row 2 column 2 (Amount)", "type mismatch", "number", "\"12000\"");
    }

    @Test
    void overlappingRowsUnderTheUniqueHitPolicyAreRefusedNamingTheRows(@TempDir Path rules) throws IOException {
        copyRules(rules);
        var problem = refused(rules, SPENDING, "[5000..10000)", "[5000..20000)");
        assertThat(problem.line()).isPositive();
        assertThat(problem.reason()).contains("table LargeDepositTargeting rows 1,7", "UNIQUE");
    }

    @Test
    void aSyntaxErrorIsRefusedNamingTheRow(@TempDir Path rules) throws IOException {
        copyRules(rules);
        String text = Files.readString(rules.resolve(SPENDING));
        var problem = refused(rules, SPENDING, "&gt;= 80000", "&gt;= 80000)");
        assertThat(problem.reason()).contains("table LargeDepositTargeting row 4");
        assertThat(problem.line()).isEqualTo(RuleLoadValidationTest.lineOf(text, "id=\"DecisionRule_ld_CNY\""));
    }

    @Test
    void anOfferNotInTheCatalogueIsRefusedLikeInDrl(@TempDir Path rules) throws IOException {
        copyRules(rules);
        var problem = refused(rules, "triggers/maturity-and-credit.dmn", "\"CREDIT_CARD\"", "\"GOLD_CARD\"");
        assertThat(problem.line()).isPositive();
        assertThat(problem.reason()).isEqualTo("table LoanRepaidTargeting row 1: unknown product GOLD_CARD: not in catalogue/offers.json");
    }

    @Test
    void aTableWhoseOutputsAreNotTriggerAndOfferIsRefused(@TempDir Path rules) throws IOException {
        copyRules(rules);
        var problem = refused(rules, "triggers/lifecycle.dmn", "name=\"offer\"", "name=\"product\"");
        assertThat(problem.reason()).contains("table OnboardedTargeting", "outputs must be named trigger and offer");
    }

    @Test
    void aBrokenTableIsRefusedOnReloadAndThePreviousVersionKeepsServing(@TempDir Path rules) throws Exception {
        copyRules(rules);
        var decisioning = new Decisioning(RuleBase.load(rules));
        String first = decisioning.ruleBase().version();
        var reloader = new RuleReloader(decisioning, rules, Duration.ofDays(1), true);
        reloader.start();
        try {
            Path spending = rules.resolve(SPENDING);
            String good = Files.readString(spending);
            assertThat(largeDeposit(decisioning, "9000")).isEmpty();

            // a marketer lowers the GBP threshold: the .dmn is part of the version, and the new row serves
            Files.writeString(spending, good.replace("&gt;= 10000", "&gt;= 9000").replace("[5000..10000)", "[5000..9000)"));
            reloader.poll();
            reloader.poll();
            String second = decisioning.ruleBase().version();
            assertThat(second).isNotEqualTo(first);
            assertThat(largeDeposit(decisioning, "9000")).containsExactly("triggers/spending.dmn#LargeDepositTargeting row 1");

            // then breaks it (rows 1 and 7 overlap): refused with file, table and rows; the version before keeps serving
            Files.writeString(spending, good.replace("&gt;= 10000", "&gt;= 9000"));
            reloader.poll();
            reloader.poll();
            assertThat(reloader.status().lastRejected()).isNotNull();
            assertThat(reloader.status().lastRejected().problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo(SPENDING);
                assertThat(p.reason()).contains("table LargeDepositTargeting rows 1,7");
            });
            assertThat(decisioning.ruleBase().version()).isEqualTo(second);
            assertThat(largeDeposit(decisioning, "9000")).containsExactly("triggers/spending.dmn#LargeDepositTargeting row 1");
        } finally {
            reloader.stop();
        }
    }

    private static List<String> largeDeposit(Decisioning decisioning, String amount) {
        ObjectNode data = Json.mapper().createObjectNode().put("currency", "GBP").put("direction", "CREDIT").put("category", "TRANSFER");
        data.put("amount", new java.math.BigDecimal(amount));
        var event = new ProfiledEvent("e1", "/test", "bank.transaction.posted", data, profile(false, Set.of()));
        return decisioning.triggers(event, TODAY).decisions().triggers().stream().map(Decisions.Trigger::rule).toList();
    }

    static ProfileSnapshot profile(boolean noProfiling, Set<String> tags) {
        ObjectNode p = Json.mapper().createObjectNode().put("customerId", "C1").put("country", "GB").put("noProfiling", noProfiling);
        p.set("personaTags", Json.mapper().valueToTree(tags));
        try {
            return Json.mapper().treeToValue(p, ProfileSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shipped tables are as Camunda Modeler saves them (DMN 1.3, its exporter, the DMNDI diagram, biodi column widths,
     * no variable on a decision) and load; so does a table as Modeler creates it anew (input data without a type).
     */
    @Test
    void filesInCamundaModelersLayoutLoad(@TempDir Path rules) throws IOException {
        for (String file : List.of(SPENDING, "triggers/maturity-and-credit.dmn", "triggers/lifecycle.dmn")) {
            String text = Files.readString(RULES.resolve(file));
            assertThat(text).contains("xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"", "exporter=\"Camunda Modeler\"",
                    "<dmndi:DMNDI>", "<dmndi:DMNShape", "<dmndi:DMNEdge", "biodi:width=", "modeler:executionPlatform=\"Camunda Cloud\"");
            assertThat(text).doesNotContainPattern("<decision [^>]*>\\s*(<description>[^<]*</description>\\s*)?<variable");
        }
        copyRules(rules);
        Files.writeString(rules.resolve("triggers/welcome.dmn"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0x1welc" name="welcome" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="5.41.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
                  <decision id="Decision_1k2v3ab" name="YoungDigitalWelcome">
                    <informationRequirement id="InformationRequirement_0a1b2c3">
                      <requiredInput href="#InputData_0q9w8e7" />
                    </informationRequirement>
                    <informationRequirement id="InformationRequirement_1d2e3f4">
                      <requiredInput href="#InputData_1z2x3c4" />
                    </informationRequirement>
                    <decisionTable id="DecisionTable_0m1n2b3" hitPolicy="FIRST">
                      <input id="Input_1" label="Event">
                        <inputExpression id="InputExpression_1" typeRef="string">
                          <text>eventType</text>
                        </inputExpression>
                      </input>
                      <input id="InputClause_0p9o8i7" label="Age">
                        <inputExpression id="LiteralExpression_0l9k8j7" typeRef="number">
                          <text>age</text>
                        </inputExpression>
                      </input>
                      <output id="Output_1" label="Trigger" name="trigger" typeRef="string" />
                      <output id="OutputClause_1u2y3t4" label="Offer" name="offer" typeRef="string" />
                      <rule id="DecisionRule_0r1e2w3">
                        <inputEntry id="UnaryTests_0a9s8d7"><text>"bank.digital.login"</text></inputEntry>
                        <inputEntry id="UnaryTests_1f2g3h4"><text>[18..25]</text></inputEntry>
                        <outputEntry id="LiteralExpression_1j2k3l4"><text>"YoungDigitalWelcome"</text></outputEntry>
                        <outputEntry id="LiteralExpression_0z9x8c7"><text>"EASY_SAVER"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                  <inputData id="InputData_0q9w8e7" name="eventType" />
                  <inputData id="InputData_1z2x3c4" name="age" />
                  <dmndi:DMNDI>
                    <dmndi:DMNDiagram id="DMNDiagram_1qwe2rt">
                      <dmndi:DMNShape id="DMNShape_0asd1fg" dmnElementRef="Decision_1k2v3ab">
                        <dc:Bounds height="80" width="180" x="160" y="100" />
                      </dmndi:DMNShape>
                      <dmndi:DMNShape id="DMNShape_1hjk2lz" dmnElementRef="InputData_0q9w8e7">
                        <dc:Bounds height="45" width="125" x="157" y="257" />
                      </dmndi:DMNShape>
                      <dmndi:DMNEdge id="DMNEdge_0xcv1bn" dmnElementRef="InformationRequirement_0a1b2c3">
                        <di:waypoint x="220" y="257" />
                        <di:waypoint x="220" y="200" />
                        <di:waypoint x="220" y="180" />
                      </dmndi:DMNEdge>
                      <dmndi:DMNShape id="DMNShape_0mnb1vc" dmnElementRef="InputData_1z2x3c4">
                        <dc:Bounds height="45" width="125" x="327" y="257" />
                      </dmndi:DMNShape>
                      <dmndi:DMNEdge id="DMNEdge_1qaz2ws" dmnElementRef="InformationRequirement_1d2e3f4">
                        <di:waypoint x="390" y="257" />
                        <di:waypoint x="280" y="200" />
                        <di:waypoint x="280" y="180" />
                      </dmndi:DMNEdge>
                    </dmndi:DMNDiagram>
                  </dmndi:DMNDI>
                </definitions>
                """);
        var base = RuleBase.load(rules);
        assertThat(base.targeting().tables()).extracting(TargetingTables.Table::key).contains("triggers/welcome.dmn#YoungDigitalWelcome");
        assertThat(base.personalisedRules()).as("it reads the age").contains("triggers/welcome.dmn#YoungDigitalWelcome");
        var decisioning = new Decisioning(base);
        ObjectNode p = Json.mapper().createObjectNode().put("customerId", "C1").put("birthDate", "2004-11-22");
        var login = new ProfiledEvent("e1", "/test", "bank.digital.login", Json.mapper().createObjectNode(),
                Json.mapper().convertValue(p, ProfileSnapshot.class));
        assertThat(decisioning.triggers(login, TODAY).decisions().triggers())
                .containsExactly(new Decisions.Trigger("YoungDigitalWelcome", "EASY_SAVER", "triggers/welcome.dmn#YoungDigitalWelcome row 1"));
    }

    /** A table is personalised when it requires a customer input, or says @personalised in its description. */
    @Test
    void personalisedTablesAreFoundFromTheirInputsOrTheirMark() {
        var base = RuleBase.load(RULES);
        assertThat(base.personalisedRules()).contains("triggers/spending.dmn#LargeDepositTargeting", "triggers/spending.dmn#SpendAbroadTargeting",
                "triggers/maturity-and-credit.dmn#TermDepositMaturingEarlyForAffluent", "triggers/lifecycle.dmn#OnboardedTargeting");
        assertThat(base.personalisedRules()).doesNotContain("triggers/maturity-and-credit.dmn#TermDepositMaturingTargeting",
                "triggers/maturity-and-credit.dmn#LoanRepaidTargeting");
    }

    @Test
    void anEventOnlyTableMarkedPersonalisedDoesNotFireWithoutProfiling(@TempDir Path rules) throws IOException {
        copyRules(rules);
        Path file = rules.resolve("triggers/maturity-and-credit.dmn");
        Files.writeString(file, Files.readString(file).replace("<description>Leverage: a loan repaid",
                "<description>@personalised: a repaid loan says something of the customer's means. Leverage: a loan repaid"));
        var decisioning = new Decisioning(RuleBase.load(rules));
        var data = Json.mapper().createObjectNode().put("loanId", "L1");
        assertThat(decisioning.triggers(new ProfiledEvent("e1", "/t", "bank.loan.repaid", data, profile(true, Set.of())), TODAY)
                .decisions().triggers()).isEmpty();
        assertThat(decisioning.triggers(new ProfiledEvent("e1", "/t", "bank.loan.repaid", data, profile(false, Set.of())), TODAY)
                .decisions().triggers()).extracting(Decisions.Trigger::name).containsExactly("LoanRepaid");
    }

    /** The simulation trace and the decision name the table and the row that fired. */
    @Test
    void theSimulationTraceAndTheDecisionNameTheTableAndRow() {
        var base = RuleBase.load(RULES);
        var data = Json.mapper().createObjectNode().put("amount", 7000).put("currency", "GBP").put("direction", "CREDIT").put("category", "TRANSFER");
        var trace = Simulation.run(base, new Simulation.Request(profile(false, Set.of("salaryCreditedTwiceIn60Days")), "bank.transaction.posted",
                data, null, TODAY));
        String row = "triggers/spending.dmn#LargeDepositTargeting row 7";
        assertThat(trace.triggers().triggers()).containsExactly(new Decisions.Trigger("LargeDeposit", "GLOBAL_EQUITY_FUND", row));
        assertThat(trace.triggers().rulesFired()).containsExactly(row);
        assertThat(trace.decision().offers()).singleElement().satisfies(o -> assertThat(o.triggerRule()).isEqualTo(row));
    }

    /**
     * The pre-check skips a table only when no row can match on its literal text cells (the fixtures hold that it never
     * skips one that matches); here, that it does skip the common events it is for.
     */
    @Test
    void thePreCheckSkipsTablesNoRowOfWhichCanMatch() {
        var tables = RuleBase.load(RULES).targeting().tables();
        var largeDeposit = tables.stream().filter(t -> t.decision().equals("LargeDepositTargeting")).findFirst().orElseThrow();
        var spendAbroad = tables.stream().filter(t -> t.decision().equals("SpendAbroadTargeting")).findFirst().orElseThrow();
        var customer = new CustomerFact(profile(false, Set.of()), TODAY);
        var salary = new EventFact("bank.transaction.posted", Json.mapper().createObjectNode().put("direction", "CREDIT").put("category", "SALARY")
                .put("currency", "GBP").put("amount", 50000));
        var transfer = new EventFact("bank.transaction.posted", Json.mapper().createObjectNode().put("direction", "CREDIT").put("category", "TRANSFER")
                .put("currency", "GBP").put("amount", 50000));
        var cardAtHome = new EventFact("bank.transaction.posted", Json.mapper().createObjectNode().put("direction", "DEBIT").put("category", "CARD")
                .put("merchantCountry", "GB"));
        var cardAbroad = new EventFact("bank.transaction.posted", Json.mapper().createObjectNode().put("direction", "DEBIT").put("category", "CARD")
                .put("merchantCountry", "FR"));
        assertThat(largeDeposit.mayMatch(salary, customer, TODAY)).as("not(\"SALARY\")").isFalse();
        assertThat(largeDeposit.mayMatch(transfer, customer, TODAY)).isTrue();
        assertThat(largeDeposit.mayMatch(cardAtHome, customer, TODAY)).as("\"CREDIT\"").isFalse();
        assertThat(spendAbroad.mayMatch(cardAtHome, customer, TODAY)).as("not(null, country)").isFalse();
        assertThat(spendAbroad.mayMatch(cardAbroad, customer, TODAY)).isTrue();
        assertThat(spendAbroad.mayMatch(transfer, customer, TODAY)).isFalse();
    }

    /** rules/README.md lists exactly the inputs a table may use, with their types: the Modeler hint stays true. */
    @Test
    void theReadmeListsEveryTargetingInput() throws IOException {
        String readme = Files.readString(RULES.resolve("README.md"));
        for (TargetingInput input : TargetingInput.values()) {
            assertThat(readme).contains("| `" + input.variable() + "` | " + (input.typeRef() == null ? "list of strings" : input.typeRef()) + " |");
        }
    }
}
