package io.beacon.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.ExceptionMethod;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AbstractClassTestingTypeFilter;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The OpenAPI document of each service API, generated from its {@code @HttpExchange} interfaces (one per sub-package of
 * {@code io.beacon.contracts.api}) and checked in under {@code libs/contracts/openapi/}, as {@code asyncapi.yaml} is for
 * the topics: a change to an interface or one of its records that the checked-in document does not show fails the build.
 * After an intended change, regenerate with {@code -Dbeacon.openapi.write=true} and commit the documents with it.
 *
 * <p>springdoc reads the interfaces through Spring MVC's own mapping of them: each is served here by a generated
 * controller that implements it and does nothing else (the real controllers live in the services and implement the same
 * interfaces).
 */
@SpringBootTest(classes = OpenApiDocumentsTest.Documents.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"springdoc.writer-with-order-by-keys=true", "springdoc.writer-with-default-pretty-printer=true", "springdoc.default-produces-media-type=application/json",
                "spring.main.banner-mode=off"})
class OpenApiDocumentsTest {

    static final Path DOCUMENTS = Path.of("openapi");
    static final String API_PACKAGE = "io.beacon.contracts.api";

    @LocalServerPort
    int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Documents {

        /** A controller per API interface. */
        @Bean
        static BeanDefinitionRegistryPostProcessor serviceApis() {
            return (BeanDefinitionRegistry registry) -> {
                for (Class<?> api : apis()) {
                    registry.registerBeanDefinition(api.getName() + "Controller", new RootBeanDefinition(controllerOf(api)));
                }
            };
        }

        @Bean
        GlobalOpenApiCustomizer beaconApis() {
            return openApi -> {
                openApi.getInfo().title("Beacon service API").version("1")
                        .description("Generated from the @HttpExchange interfaces in " + API_PACKAGE + " (libs/contracts). "
                                + "Every call needs a Beacon caller account (HTTP Basic, ADR 0014); a refusal is application/problem+json.");
                openApi.setServers(List.of());
            };
        }
    }

    /** A document per API package: springdoc's groups, one per sub-package. */
    @DynamicPropertySource
    static void groups(DynamicPropertyRegistry properties) {
        List<String> groups = groups();
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            properties.add("springdoc.group-configs[" + i + "].group", () -> group);
            properties.add("springdoc.group-configs[" + i + "].packages-to-scan", () -> API_PACKAGE + "." + group);
        }
    }

    /** Every interface of the API packages with at least one exchange method. */
    static List<Class<?>> apis() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AbstractClassTestingTypeFilter() {
            @Override
            protected boolean match(org.springframework.core.type.ClassMetadata metadata) {
                return metadata.isInterface();
            }
        });
        var apis = new ArrayList<Class<?>>();
        for (var candidate : scanner.findCandidateComponents(API_PACKAGE)) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                if (Arrays.stream(type.getMethods()).anyMatch(OpenApiDocumentsTest::isExchange)) {
                    apis.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        apis.sort(java.util.Comparator.comparing(Class::getName));
        return apis;
    }

    static List<String> groups() {
        return apis().stream().map(api -> api.getPackageName().substring(API_PACKAGE.length() + 1)).distinct().sorted().toList();
    }

    private static boolean isExchange(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class);
    }

    /**
     * A controller of the API's name, in a sub-package of its own (so the document's tag is the API's name), that
     * implements it; its methods are never called.
     */
    private static Class<?> controllerOf(Class<?> api) {
        return new ByteBuddy().subclass(Object.class).implement(api)
                .name(api.getPackageName() + ".document." + api.getSimpleName())
                .annotateType(AnnotationDescription.Builder.ofType(RestController.class).build())
                .method(ElementMatchers.isAbstract())
                .intercept(ExceptionMethod.throwing(UnsupportedOperationException.class))
                .make()
                .load(api.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
    }

    @Test
    void everyServiceApiHasItsDocumentCheckedIn() throws Exception {
        List<String> groups = groups();
        assertThat(groups).as("API packages under " + API_PACKAGE).isNotEmpty();
        boolean write = Boolean.getBoolean("beacon.openapi.write");
        var http = HttpClient.newHttpClient();
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        var stale = new TreeMap<String, String>();
        for (String group : groups) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs/" + group)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("document of " + group).isEqualTo(200);
            String generated = mapper.writeValueAsString(mapper.readTree(response.body())) + "\n";
            Path file = DOCUMENTS.resolve(group + ".json");
            if (write) {
                Files.createDirectories(DOCUMENTS);
                Files.writeString(file, generated);
            } else if (!Files.exists(file) || !Files.readString(file).equals(generated)) {
                stale.put(group, file.toAbsolutePath().toString());
            }
        }
        assertThat(stale).as("OpenAPI documents that do not match their interfaces; after an intended API change run "
                + "./mvnw -pl libs/contracts test -Dtest=OpenApiDocumentsTest -Dbeacon.openapi.write=true and commit them").isEmpty();
        if (!write) {
            try (var files = Files.list(DOCUMENTS)) {
                assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")).sorted().toList())
                        .as("documents without an API package").isEqualTo(groups);
            }
        }
    }
}
