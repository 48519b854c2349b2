package io.beacon.console.access;

import io.beacon.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may use the console, and how they sign in. People sign in with a form (local users, for the embedded run) or
 * with OpenID Connect (production: the bank's identity provider, see docker-compose.yml); either way they carry
 * console roles. The session is a cookie (HttpOnly, SameSite=Strict) that times out (server.servlet.session.timeout);
 * every form carries a CSRF token; every refusal is audited.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurity {

    /**
     * 'self' only: the browser itself refuses any script, style or fetch from elsewhere, so "no CDN" holds even if
     * someone later edits a page carelessly. No inline script or style either.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String RM = ConsoleRole.RM.name();
    private static final String OPS = ConsoleRole.MARKETING_OPS.name();
    private static final String COMPLIANCE = ConsoleRole.COMPLIANCE.name();
    private static final String ADMIN = ConsoleRole.ADMIN.name();
    private static final String APPROVER = ConsoleRole.APPROVER.name();
    private static final String CHECKER = ConsoleRole.OFFER_CHECKER.name();

    /**
     * Everything but {@code /internal/**}, which the platform's service-to-service chain (ordered before this one) keeps
     * for the consent service's erasure calls (ADR 0014).
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, AuditLog audit, ConsoleProperties properties,
                                           ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console.css", "/console.js", "/login", "/error", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/reviews/checks", "/reviews/checks/**").hasAnyRole(CHECKER, ADMIN)
                        .requestMatchers("/reviews/**").hasAnyRole(RM, ADMIN)
                        .requestMatchers("/customers/**").hasAnyRole(RM, COMPLIANCE, ADMIN)
                        .requestMatchers("/ops/changes", "/ops/changes/**", "/api/changes/**").hasAnyRole(OPS, APPROVER, ADMIN)
                        .requestMatchers("/ops/**", "/api/funnel", "/api/funnel.csv", "/api/outcomes", "/api/experiments", "/api/experiments/**",
                                "/api/conversions", "/api/uplift", "/api/uplift.csv")
                        .hasAnyRole(OPS, ADMIN)
                        .requestMatchers("/compliance/**").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // DENY, unless the page itself allows its own origin: the email preview's sandboxed frame
                        // (/ops/content/email), which sets SAMEORIGIN and its own policy with frame-ancestors 'self'
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("X-Frame-Options")) {
                                response.setHeader("X-Frame-Options", "DENY");
                            }
                        })
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(errors -> errors.accessDeniedHandler(auditedRefusal(audit)));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(rolesFromClaim(properties.rolesClaim()))));
        }
        return http.build();
    }

    /** A refused request gets a page that says why (403) and an audit line; a CSRF failure is named as such. */
    private static AccessDeniedHandler auditedRefusal(AuditLog audit) {
        return (request, response, denied) -> {
            // the CSRF filter runs before the request is wrapped with its principal: ask the security context
            var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            String actor = authentication == null ? "anonymous" : authentication.getName();
            String why = denied instanceof CsrfException
                    ? "the form's CSRF token is missing or not this session's: reload the page and try again"
                    : denied.getMessage();
            audit.record(actor, request.getMethod() + " " + request.getRequestURI(), request.getRequestURI(), null,
                    denied instanceof CsrfException ? "CSRF_REFUSED" : "FORBIDDEN", why);
            response.sendError(HttpServletResponse.SC_FORBIDDEN, why);
        };
    }

    /** OpenID Connect: console roles come from one claim of the ID token (a list such as ["RM"]); nothing else grants one. */
    public static GrantedAuthoritiesMapper rolesFromClaim(String claim) {
        return authorities -> {
            Collection<GrantedAuthority> mapped = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidcUser && oidcUser.getIdToken().getClaimAsStringList(claim) != null) {
                    for (String role : oidcUser.getIdToken().getClaimAsStringList(claim)) {
                        for (ConsoleRole known : ConsoleRole.values()) {
                            if (known.name().equals(role)) {
                                mapped.add(new SimpleGrantedAuthority(known.authority()));
                            }
                        }
                    }
                }
            }
            return mapped;
        };
    }

    /** Local users from beacon.console.users (the embedded run documents them in the console README). */
    @Bean
    UserDetailsService localUsers(ConsoleProperties properties) {
        var users = new InMemoryUserDetailsManager();
        properties.users().forEach((name, user) -> users.createUser(User.withUsername(name)
                .password(user.password())
                .roles(user.roles().stream().map(role -> ConsoleRole.valueOf(role).name()).toArray(String[]::new))
                .build()));
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Sign-ins and failed sign-ins are audited too (the user name only; never the password). */
    @Bean
    SignInAudit signInAudit(AuditLog audit) {
        return new SignInAudit(audit);
    }

    static class SignInAudit {
        private final AuditLog audit;

        SignInAudit(AuditLog audit) {
            this.audit = audit;
        }

        @EventListener
        void success(AuthenticationSuccessEvent event) {
            audit.record(event.getAuthentication().getName(), "sign-in", "console", null, "ACCEPTED", null);
        }

        @EventListener
        void failure(AbstractAuthenticationFailureEvent event) {
            audit.record(String.valueOf(event.getAuthentication().getName()), "sign-in", "console", null, "REFUSED",
                    event.getException().getClass().getSimpleName());
        }
    }

}
