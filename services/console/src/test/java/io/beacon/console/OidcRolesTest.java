package io.beacon.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.console.access.ConsoleSecurity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/** Under OpenID Connect, console roles come only from the ID token's roles claim, and only known roles. */
class OidcRolesTest {

    @Test
    void mapsKnownRolesOfTheClaimAndNothingElse() {
        var token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "u-1", "preferred_username", "rm-3", "beacon_roles", List.of("RM", "SUPERUSER", "rm")));
        var mapped = ConsoleSecurity.rolesFromClaim("beacon_roles").mapAuthorities(
                List.of(new OidcUserAuthority(token), new SimpleGrantedAuthority("SCOPE_openid")));

        assertThat(mapped).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_RM");
    }

    @Test
    void aTokenWithoutTheClaimGrantsNoRole() {
        var token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "u-2"));
        assertThat(ConsoleSecurity.rolesFromClaim("beacon_roles").mapAuthorities(List.of(new OidcUserAuthority(token)))).isEmpty();
    }
}
