package io.beacon.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call a Beacon service and how this service calls the others (ADR 0014). Defaults, with the DEVELOPMENT
 * passwords of the embedded run, are in {@code beacon-defaults.yml}.
 *
 * @param serviceApi  the platform's HTTP Basic filter chain
 * @param publicPaths path patterns reachable without credentials because something else protects them (a provider's
 *                    signature, an opaque token in a link); {@code /actuator/health/**} and {@code /actuator/info}
 *                    are always open
 * @param restrictedPaths path patterns only callers with certain roles may use
 * @param callers     the accounts that may call this service, by name
 * @param client      this service's own account, sent on its calls to other Beacon services
 */
@ConfigurationProperties("beacon.security")
public record ServiceSecurityProperties(ServiceApi serviceApi, List<String> publicPaths, List<RestrictedPaths> restrictedPaths,
                                        Map<String, Caller> callers, Client client) {

    public ServiceSecurityProperties {
        serviceApi = serviceApi == null ? new ServiceApi(true, null) : serviceApi;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        restrictedPaths = restrictedPaths == null ? List.of() : List.copyOf(restrictedPaths);
        callers = callers == null ? Map.of() : new LinkedHashMap<>(callers);
        client = client == null ? new Client(null, null) : client;
    }

    /**
     * Paths only callers with one of these roles may use (any other caller gets 403): clear contact points for the
     * senders ({@code CHANNEL}), a service's part of an erasure for consent ({@code ERASURE}).
     */
    public record RestrictedPaths(List<String> paths, List<String> roles) {
        public RestrictedPaths {
            paths = paths == null ? List.of() : List.copyOf(paths);
            roles = roles == null ? List.of() : List.copyOf(roles);
            if (paths.isEmpty() || roles.isEmpty()) {
                throw new IllegalArgumentException("beacon.security.restricted-paths: each entry needs paths and roles");
            }
        }
    }

    /**
     * @param enabled false for a service that brings its own filter chain for every path it serves
     * @param paths   the paths the chain guards; {@code /**} (everything) by default. The console narrows it to
     *                {@code /internal/**} and guards the rest with its own login for people.
     */
    public record ServiceApi(boolean enabled, List<String> paths) {
        public ServiceApi {
            paths = paths == null || paths.isEmpty() ? List.of("/**") : List.copyOf(paths);
        }
    }

    /**
     * @param password the password encoded for Spring Security's {@code DelegatingPasswordEncoder}:
     *                 {@code {bcrypt}$2a$10$...} (recommended), {@code {pbkdf2}...} or {@code {noop}clear}
     * @param roles    what the caller is, granted as {@code ROLE_<role>}: {@code CHANNEL} for the senders, which
     *                 may read contact points in clear; {@code SERVICE}, {@code ERASURE}, {@code EVENTS} ...
     */
    public record Caller(String password, List<String> roles) {
        public Caller {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param username this service's caller name (its {@code spring.application.name} by default)
     * @param password its password in clear, from the environment ({@code BEACON_SERVICE_PASSWORD})
     */
    public record Client(String username, String password) {
    }
}
