package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class ServiceCallersTest {

    private static final String SECRET = "correct horse battery staple";

    @Test
    void everyDevelopmentCallerOfTheDefaultsHasTheDocumentedPasswordAndTheClientSendsIt() {
        var environment = new StandardEnvironment();
        new BeaconDefaults().postProcessEnvironment(environment, null);
        var security = Binder.get(environment).bind("beacon.security", ServiceSecurityProperties.class).get();

        assertThat(security.callers().keySet()).containsExactlyInAnyOrder("bank-core", "app", "console", "consent", "decisioning",
                "sms", "push", "email");
        var callers = new ServiceCallers(security.callers());
        for (String name : security.callers().keySet()) {
            var caller = callers.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, "dev-" + name + "-password"));
            assertThat(caller.isAuthenticated()).isTrue();
        }
        assertThat(security.callers().get("sms").roles()).containsExactly("SERVICE", "CHANNEL");
        assertThat(security.serviceApi().enabled()).isTrue();
        assertThat(security.serviceApi().paths()).containsExactly("/**");
        environment.getSystemProperties().put("spring.application.name", "decisioning");
        var client = Binder.get(environment).bind("beacon.security.client", ServiceSecurityProperties.Client.class).get();
        assertThat(client.username()).isEqualTo("decisioning");
        assertThat(client.password()).isEqualTo("dev-decisioning-password");
    }

    @Test
    void theDevelopmentPasswordsAreSaidAtStart(CapturedOutput log) {
        new ServiceCallers(Map.of("app", new ServiceSecurityProperties.Caller(
                "{bcrypt}$2a$10$DEVELOPMENT.ONLY.beaceGKdDcsFo346wg16G2egjqC8JVlgvX1a", List.of())));

        assertThat(log.getOut()).contains("callers [app] use the DEVELOPMENT passwords");
    }

    @Test
    void acceptsTheRightPasswordAgainAndRefusesAWrongOneEvenAfterward() {
        var callers = callers("{bcrypt}" + new BCryptPasswordEncoder(4).encode(SECRET));

        assertThat(callers.authenticate(token("crm", SECRET)).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SERVICE");
        assertThat(callers.authenticate(token("crm", SECRET)).getName()).isEqualTo("crm");
        assertThatThrownBy(() -> callers.authenticate(token("crm", SECRET + " "))).isInstanceOf(BadCredentialsException.class)
                .hasMessage("wrong password for caller 'crm'");
        assertThatThrownBy(() -> callers.authenticate(token("crm2", SECRET))).isInstanceOf(BadCredentialsException.class)
                .hasMessage("unknown caller 'crm2'");
    }

    @Test
    void aPasswordInClearWorksButIsWarnedAbout(CapturedOutput log) {
        var callers = callers("{noop}" + SECRET);

        assertThat(callers.authenticate(token("crm", SECRET)).isAuthenticated()).isTrue();
        assertThat(log.getOut()).contains("caller 'crm' has a password stored in clear");
    }

    @Test
    void aMisconfiguredPasswordStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> callers(null)).hasMessageContaining("beacon.security.callers.crm.password is not set");
        assertThatThrownBy(() -> callers(SECRET)).hasMessageContaining("must start with the encoding");
        assertThatThrownBy(() -> callers("{sha256}abc")).hasMessageContaining("must start with the encoding");
        // what `$2a` and `$10` become when a shell or compose interpolates them
        assertThatThrownBy(() -> callers("{bcrypt}DEVELOPMENT.ONLY.beaceGKdDcsFo346wg16G2egjqC8JVlgvX1a"))
                .hasMessageContaining("is not a bcrypt hash");
    }

    private static ServiceCallers callers(String password) {
        return new ServiceCallers(Map.of("crm", new ServiceSecurityProperties.Caller(password, List.of("SERVICE"))));
    }

    private static UsernamePasswordAuthenticationToken token(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
