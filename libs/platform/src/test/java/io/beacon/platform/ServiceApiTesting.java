package io.beacon.platform;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * Controller tests through the service's real filter chain: the platform's {@link ServiceApiSecurityConfiguration}
 * configured by the module's own {@code application.yml} over {@code beacon-defaults.yml}, so that a test sees the
 * public paths and callers the service runs with. Calls authenticate as one of the development callers.
 */
public final class ServiceApiTesting {

    private static Filter securityFilter;

    private ServiceApiTesting() {
    }

    /**
     * MockMvc over these controllers (and any {@code @ControllerAdvice} among them), behind the service's security filter
     * chain; a refusal a controller throws ({@link io.beacon.contracts.api.ApiProblem}) is answered as the service answers it.
     */
    public static MockMvc securedMockMvc(Object... controllers) {
        return standalone(controllers).addFilters(securityFilter()).build();
    }

    /** MockMvc over these controllers, behind the service's security filter chain, every request sent as this caller. */
    public static MockMvc securedMockMvcAs(String caller, Object... controllers) {
        return standalone(controllers).addFilters(securityFilter())
                .defaultRequest(MockMvcRequestBuilders.get("/").with(caller(caller))).build();
    }

    private static org.springframework.test.web.servlet.setup.StandaloneMockMvcBuilder standalone(Object... controllers) {
        var advice = new java.util.ArrayList<Object>(java.util.List.of(new ApiProblemAnswers()));
        var handlers = new java.util.ArrayList<Object>();
        for (Object controller : controllers) {
            (org.springframework.core.annotation.AnnotatedElementUtils.hasAnnotation(controller.getClass(),
                    org.springframework.web.bind.annotation.ControllerAdvice.class) ? advice : handlers).add(controller);
        }
        return MockMvcBuilders.standaloneSetup(handlers.toArray()).setControllerAdvice(advice.toArray());
    }

    /** The service's security filter chain, built once per test JVM from application.yml and beacon-defaults.yml. */
    public static synchronized Filter securityFilter() {
        if (securityFilter == null) {
            var environment = new StandardServletEnvironment();
            new BeaconDefaults().postProcessEnvironment(environment, null);
            var applicationYml = new ClassPathResource("application.yml");
            if (applicationYml.exists()) {
                try {
                    new YamlPropertySourceLoader().load("application.yml", applicationYml)
                            .forEach(source -> environment.getPropertySources().addFirst(source)); // a later document wins
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            var context = new AnnotationConfigWebApplicationContext();
            context.setEnvironment(environment);
            context.setServletContext(new MockServletContext());
            context.register(Harness.class);
            context.refresh();
            securityFilter = context.getBean("springSecurityFilterChain", Filter.class);
        }
        return securityFilter;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @Import(ServiceApiSecurityConfiguration.class)
    static class Harness {
    }

    /**
     * The platform's {@code POST /internal/customers/{id}/erasure} of a service that declares no personal data, for a
     * service's test of its filter chain.
     */
    public static Object erasureEndpoint(com.mongodb.client.MongoDatabase database, String service) {
        return new CustomerErasureEndpoint(new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(PersonalData.class), database, service, Pseudonyms.fromKey(java.util.Base64.getEncoder().encodeToString(new byte[32])),
                java.time.Clock.systemUTC());
    }

    /** The development password of a caller of beacon-defaults.yml ({@code dev-<name>-password}). */
    public static String developmentPassword(String caller) {
        return "dev-" + caller + "-password";
    }

    /** Authenticates the request as this development caller (bank-core, app, console, consent, decisioning, sms, push, email). */
    public static RequestPostProcessor caller(String name) {
        return basic(name, developmentPassword(name));
    }

    public static RequestPostProcessor basic(String username, String password) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization(username, password));
            return request;
        };
    }

    public static String authorization(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request, sent anonymously and then with a wrong password for a real caller, is refused both times with a
     * 401 problem that says what is missing.
     */
    public static void refusesAnonymousAndWrongPassword(MockMvc mvc, Supplier<MockHttpServletRequestBuilder> request) throws Exception {
        mvc.perform(request.get())
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Basic realm=\"beacon\"")))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("None were sent")));
        mvc.perform(request.get().with(basic("console", "not-the-password")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("refused")));
    }
}
