package io.beacon.decisioning;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.beacon.decisioning.mongo.ContactHistory;
import io.beacon.decisioning.mongo.DecisionDocument;
import io.beacon.decisioning.mongo.DecisionRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's packages, checked on its compiled classes: the domain ({@code rules}, {@code decision}, {@code policy})
 * is plain Java and the rules engine, and knows nothing of the adapters that connect it to Kafka, Zeebe, MongoDB and
 * HTTP ({@code kafka}, {@code zeebe}, {@code mongo}, {@code web}); the adapters meet through the domain, except where
 * they share the MongoDB stores (see {@link #MONGO_STORES}).
 */
class DecisioningArchitectureTest {

    static final String ROOT = "io.beacon.decisioning";
    static final String[] DOMAIN = {ROOT + ".rules..", ROOT + ".decision..", ROOT + ".policy.."};
    static final List<String> ADAPTERS = List.of("kafka", "zeebe", "mongo", "web");
    static final String[] FRAMEWORKS = {"org.springframework..", "io.camunda..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
            "jakarta.servlet.."};

    /**
     * The MongoDB stores the other adapters use directly: the decision records and their document (the decisions
     * controller and the journey workers hand out the stored BSON documents as they are, so they have no domain type
     * yet), and the offer history, which the trigger stage, the journey re-creation and the campaign preview read and
     * claim in the same calls as those records.
     */
    static final List<Class<?>> MONGO_STORES = List.of(DecisionRecords.class, DecisionDocument.class, ContactHistory.class);

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theDomainUsesNoFramework() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the domain is plain Java and the rules engine: Spring, Zeebe, Kafka, MongoDB and HTTP are the adapters'")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoAdapterNorTheConfiguration() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS.stream().map(a -> ROOT + "." + a + "..").toArray(String[]::new))
                .orShould().dependOnClassesThat().resideInAPackage(ROOT)
                .because("adapters depend on the domain, never the other way round; the configuration maps properties onto plain values")
                .check(CLASSES);
    }

    @Test
    void adaptersMeetOnlyThroughTheDomainOrTheSharedMongoStores() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(a -> ROOT + "." + a + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + adapter + "..")
                    .should().dependOnClassesThat(resideInAnyPackage(others).and(not(aMongoStore())))
                    .because("an adapter reaches another only through the domain (its ports and types), or one of the MongoDB "
                            + "stores they share")
                    .check(CLASSES);
        }
    }

    @Test
    void onlyTheRulesAndTheDecisionUseTheRulesEngine() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".rules..", ROOT + ".decision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .because("the rules engine is the domain's own tool: the rules load and run there, nowhere else")
                .check(CLASSES);
    }

    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("rules <- decision, policy <- the adapters <- the configuration: each package can be read on its own")
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> aMongoStore() {
        return describe("a shared MongoDB store " + MONGO_STORES.stream().map(Class::getSimpleName).toList(),
                javaClass -> MONGO_STORES.stream().anyMatch(store -> javaClass.getName().equals(store.getName())
                        || javaClass.getName().startsWith(store.getName() + "$")));
    }
}
