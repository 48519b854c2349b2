package io.beacon.console;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings.
 *
 * @param services where the Beacon services the console reads from live: profiles, decisioning, consent, journeys,
 *                 sms, push, email
 * @param users    local users for the embedded run (name to password hash and roles); empty where OpenID Connect
 *                 signs people in
 * @param rolesClaim the ID token claim that carries a person's console roles under OpenID Connect
 */
@Validated
@ConfigurationProperties("beacon.console")
public record ConsoleProperties(@NotNull Map<String, URI> services, @NotNull Duration timeout, Map<String, LocalUser> users,
                                String rolesClaim) {

    /** @param password a DelegatingPasswordEncoder hash ({bcrypt}...) */
    public record LocalUser(String password, List<String> roles) {
    }

    public ConsoleProperties {
        users = users == null ? Map.of() : users;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "beacon_roles" : rolesClaim;
    }
}
