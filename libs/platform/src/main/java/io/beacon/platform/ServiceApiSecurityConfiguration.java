package io.beacon.platform;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every Beacon service API requires an authenticated caller (ADR 0014): HTTP Basic against the accounts of
 * {@code beacon.security.callers}, for every method on every path (reads of personal data too), stateless, no
 * session, no CSRF token (no browser, no cookie). Open: {@code /actuator/health/**}, {@code /actuator/info} and the
 * service's {@code beacon.security.public-paths}, each protected by something else (a provider's signature, an opaque
 * token). {@code beacon.security.restricted-paths} keeps a path to callers with certain roles (clear contact points to
 * the senders). A refusal is a {@code 401} or {@code 403 application/problem+json} saying what is missing, and an
 * audit line.
 * <p>
 * {@code beacon.security.service-api.paths} narrows the chain (the console: {@code /internal/**}, its people log in
 * through its own chain); {@code beacon.security.service-api.enabled=false} removes it.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnProperty(name = "beacon.security.service-api.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceApiSecurityConfiguration.class);

    /** Always open: the orchestrator's probes. */
    static final List<String> PROBES = List.of("/actuator/health/**", "/actuator/info");

    /**
     * Ordered before a chain of the service's own that matches every request (the console's login for people), so
     * that a narrowed {@code paths} is matched first.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityFilterChain serviceApiSecurity(HttpSecurity http, ServiceSecurityProperties properties, Environment environment)
            throws Exception {
        var callers = new ServiceCallers(properties.callers());
        var problems = new ServiceApiProblems();
        List<String> paths = properties.serviceApi().paths();
        List<String> publicPaths = properties.publicPaths();
        if (!paths.equals(List.of("/**"))) {
            http.securityMatcher(paths.toArray(String[]::new));
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.realmName(ServiceApiProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authenticationManager(new ProviderManager(callers))
                .authorizeHttpRequests(requests -> {
                    // the error page of a request that was already let through (or refused) renders as it is
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(PROBES.toArray(String[]::new)).permitAll();
                    if (!publicPaths.isEmpty()) {
                        requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    for (var restricted : properties.restrictedPaths()) {
                        requests.requestMatchers(restricted.paths().toArray(String[]::new)).hasAnyRole(restricted.roles().toArray(String[]::new));
                    }
                    requests.anyRequest().authenticated();
                });
        log.info("{} requires an authenticated caller on {} (callers {}); open: {}; restricted: {}",
                environment.getProperty("spring.application.name", "this service"), paths, callers.names(), concat(PROBES, publicPaths),
                properties.restrictedPaths().stream().map(r -> r.paths() + " to " + r.roles()).toList());
        return http.build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
