package io.beacon.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The seams between Beacon's services, checked on the compiled classes: a service reaches another only through the
 * typed APIs of {@code io.beacon.contracts.api} (or a topic), never through the other's classes, a URL of its own or an
 * untyped answer.
 */
class ServiceBoundariesTest {

    static final List<String> SERVICES = List.of("intake", "profiles", "consent", "decisioning", "journeys", "sms", "push", "email", "console");

    /**
     * The clients of a provider's API (Twilio, FCM and its token endpoint): a provider is not a Beacon service, its paths
     * are its own, and these clients are built without Beacon's credentials ({@code io.beacon.delivery.HttpClients}).
     */
    static final List<String> PROVIDER_CLIENTS = List.of("io.beacon.sms.TwilioClient", "io.beacon.push.FcmClient", "io.beacon.push.FcmAccessTokens");

    static final JavaClasses BEACON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.beacon");

    /** The rules below hold for what was imported: every service's classes, or they would prove nothing. */
    @Test
    void everyServiceIsChecked() {
        for (String service : SERVICES) {
            assertThat(BEACON.stream().filter(c -> c.getPackageName().startsWith("io.beacon." + service)).count())
                    .as("classes of " + service).isGreaterThan(5);
        }
    }

    @Test
    void aServiceUsesNoOtherServicesClasses() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.beacon." + s + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.beacon." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services meet only through libs/contracts (the APIs and the topics)")
                    .check(BEACON);
        }
    }

    @Test
    void noClassOutsideThePlatformWritesTheUrlOfACall() {
        noClasses().that().resideOutsideOfPackage("io.beacon.platform..")
                .and().doNotHaveFullyQualifiedName(PROVIDER_CLIENTS.get(0))
                .and().doNotHaveFullyQualifiedName(PROVIDER_CLIENTS.get(1))
                .and().doNotHaveFullyQualifiedName(PROVIDER_CLIENTS.get(2))
                .should().callMethodWhere(describe("a RestClient request's uri(...)", (JavaCall<?> call) ->
                        call.getTarget().getName().equals("uri")
                                && call.getTargetOwner().isAssignableTo(RestClient.UriSpec.class)))
                .because("a Beacon service is called through its @HttpExchange interface (ServiceClients.api), which holds its paths")
                .check(BEACON);
    }

    @Test
    void noClassOutsideThePlatformBuildsAnHttpClientOfItsOwn() {
        noClasses().that().resideOutsideOfPackage("io.beacon.platform..")
                .should().callMethod(RestClient.class, "builder")
                .orShould().callMethod(RestClient.class, "create")
                .orShould().callMethod(RestClient.class, "create", String.class)
                .because("ServiceClients builds every client: Beacon's credentials and time-outs for a service, none for a provider")
                .check(BEACON);
    }

    /**
     * The ledgers and policies of every service (consent's ledger, the delivery ledger, the contact and quiet-hours
     * policies) are plain Java over their store: no Spring, no engine, no broker. Decisioning's whole domain is held by
     * its own DecisioningArchitectureTest.
     */
    @Test
    void ledgersAndPoliciesUseNoFramework() {
        noClasses().that().haveSimpleNameEndingWith("Ledger").or().haveSimpleNameEndingWith("Policy").or().haveSimpleName("QuietHours")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.camunda..", "org.apache.kafka..")
                .because("the rules of consent, delivery and contact are the domain; the framework wires them from outside")
                .check(BEACON);
    }

    /** A request or an answer of a service API says what it holds: no Object, no map of anything, no JSON tree, no BSON. */
    @Test
    void everyRecordOfTheServiceApisIsTyped() {
        var untyped = new ArrayList<String>();
        int records = 0;
        for (var javaClass : BEACON) {
            if (!javaClass.getPackageName().startsWith("io.beacon.contracts.api") || !javaClass.isRecord()) {
                continue;
            }
            records++;
            for (RecordComponent component : javaClass.reflect().getRecordComponents()) {
                if (untyped(component.getGenericType())) {
                    untyped.add(javaClass.getName() + "." + component.getName() + ": " + component.getGenericType().getTypeName());
                }
            }
        }
        assertThat(records).as("records in io.beacon.contracts.api").isPositive();
        assertThat(untyped).as("record components of the service APIs that are not typed").isEmpty();
    }

    private static boolean untyped(Type type) {
        if (type == Object.class) {
            return true;
        }
        if (type instanceof Class<?> c) {
            String name = c.getName();
            return name.startsWith("com.fasterxml.jackson.databind.") || name.startsWith("tools.jackson.databind.") || name.startsWith("org.bson.");
        }
        if (type instanceof WildcardType wildcard) {
            return wildcard.getUpperBounds().length == 1 && wildcard.getUpperBounds()[0] == Object.class && wildcard.getLowerBounds().length == 0;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (untyped(argument)) {
                    return true;
                }
            }
        }
        return false;
    }
}
