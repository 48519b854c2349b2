package io.beacon.email;

import io.beacon.platform.UnsubscribeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTextTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("test-secret-test-secret-test-secret");
    private final EmailText text = new EmailText("Beacon Bank", "1 Example Street, London", URI.create("https://bank.example/unsubscribe"),
            tokens, Map.of("TERM_DEPOSIT_12M", "our 12-month fixed-rate deposit"));

    @Test
    void carriesTheUnsubscribeLinkTheBankAndItsPostalAddressInBothParts() {
        OfferEmail email = text.offer("C-1001", "Jane", "TERM_DEPOSIT_12M");

        assertThat(email.unsubscribeUrl()).hasToString("https://bank.example/unsubscribe/" + tokens.tokenFor("C-1001"));
        assertThat(email.subject()).isEqualTo("Beacon Bank: Our 12-month fixed-rate deposit is available for you");
        assertThat(email.text()).contains("Hi Jane", "Beacon Bank, 1 Example Street, London", email.unsubscribeUrl().toString());
        assertThat(email.html()).contains("<a href=\"" + email.unsubscribeUrl() + "\">Unsubscribe</a>", "1 Example Street, London");
    }

    @Test
    void escapesProfileDataInTheHtmlPart() {
        assertThat(text.offer("C-1001", "<b>Jane</b>", "TERM_DEPOSIT_12M").html()).contains("Hi &lt;b&gt;Jane&lt;/b&gt;").doesNotContain("<b>Jane");
    }
}
