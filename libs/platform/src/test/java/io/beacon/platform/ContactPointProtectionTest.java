package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class ContactPointProtectionTest {

    private final String aead = TestKeys.contactPointsKeyset();
    private final String prf = TestKeys.blindIndexKeyset();
    private final ContactPointProtection protection = ContactPointProtection.fromKeysets(aead, prf);

    @Test
    void aSealedContactPointOpensForItsCustomerAndKindOnly() {
        String sealed = protection.seal("C-1", "phone", "+447700900123");

        assertThat(sealed).doesNotContain("447700900123");
        assertThat(protection.open("C-1", "phone", sealed)).isEqualTo("+447700900123");
        assertThatThrownBy(() -> protection.open("C-2", "phone", sealed))
                .hasMessage("the phone of customer C-2 does not open with the configured keys");
        assertThatThrownBy(() -> protection.open("C-1", "email", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ContactPointProtection.fromKeysets(TestKeys.contactPointsKeyset(), prf).open("C-1", "phone", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(protection.seal("C-1", "email", "a@example.com")).isNotEqualTo(protection.seal("C-1", "email", "a@example.com"));
    }

    @Test
    void theBlindIndexIsEqualForTheSameNumberOrAddressHoweverWritten() {
        assertThat(protection.blindIndex("phone", "+44 7700 900-123")).isEqualTo(protection.blindIndex("phone", "+447700900123"));
        assertThat(protection.blindIndex("email", " Jane.Doe@Example.com ")).isEqualTo(protection.blindIndex("email", "jane.doe@example.com"));
        assertThat(protection.blindIndex("phone", "+447700900123")).isNotEqualTo(protection.blindIndex("phone", "+447700900124"))
                .doesNotContain("447700900123");
        assertThat(protection.blindIndex("email", "x")).isNotEqualTo(protection.blindIndex("pushToken", "x"));
    }

    @Test
    void theBlindIndexDependsOnTheKey() {
        var otherKey = ContactPointProtection.fromKeysets(aead, TestKeys.blindIndexKeyset());

        assertThat(otherKey.blindIndex("phone", "+447700900123")).isNotEqualTo(protection.blindIndex("phone", "+447700900123"));
    }

    @Test
    void theDevelopmentKeysetsOfTheDefaultsLoadThroughTheirPlaceholders() throws Exception {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("beacon-defaults", new ClassPathResource("beacon-defaults.yml"))
                .forEach(environment.getPropertySources()::addLast);

        var fromDefaults = new BeaconPlatformConfiguration().contactPointProtection(environment);

        assertThat(fromDefaults.open("C-1", "phone", fromDefaults.seal("C-1", "phone", "+447700900123"))).isEqualTo("+447700900123");
    }

    @Test
    void missingOrSwappedKeysetsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> ContactPointProtection.fromKeysets("", prf)).hasMessage("no contact-points keyset configured");
        assertThatThrownBy(() -> ContactPointProtection.fromKeysets("{not json", prf)).hasMessage("the contact-points keyset is not a Tink JSON keyset");
        assertThatThrownBy(() -> ContactPointProtection.fromKeysets(prf, aead)).hasMessageStartingWith("the keysets do not hold the keys Beacon needs");
    }
}
