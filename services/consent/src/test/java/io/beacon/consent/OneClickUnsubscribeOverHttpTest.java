package io.beacon.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.contracts.ConsentChange;
import io.beacon.contracts.ReasonCode;
import io.beacon.platform.EventPublisher;
import io.beacon.platform.UnsubscribeTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The unsubscribe link as a mail client and a customer use it, on a real port through consent's own filter chain (no
 * login, no cookie): the one-click POST url-encoded and as multipart/form-data (both allowed by RFC 8058), a link signed
 * under a key rotated out of signing but not yet retired, one under a retired key, and the pages in the email's language.
 */
@SpringBootTest(classes = OneClickUnsubscribeOverHttpTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.function.definition=", "spring.cloud.stream.function.autodetect=false", "beacon.zeebe.enabled=false"})
class OneClickUnsubscribeOverHttpTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    private static final Instant NOW = Instant.now();
    /** Signs every new link since five days ago. */
    static final UnsubscribeTokens.Key CURRENT = new UnsubscribeTokens.Key("current-secret-current-secret-current-1",
            NOW.minus(Duration.ofDays(5)), null);
    /** Signed until five days ago; opens links for 25 days more. */
    static final UnsubscribeTokens.Key ROTATED_OUT = new UnsubscribeTokens.Key("rotated-secret-rotated-secret-rotated-2",
            NOW.minus(Duration.ofDays(200)), CURRENT.since().plus(UnsubscribeTokens.LINK_LIFETIME));
    /** Signed until 200 days ago and retired since. */
    static final UnsubscribeTokens.Key RETIRED = new UnsubscribeTokens.Key("retired-secret-retired-secret-retired-3",
            NOW.minus(Duration.ofDays(400)), ROTATED_OUT.since().plus(UnsubscribeTokens.LINK_LIFETIME));

    @EnableAutoConfiguration
    @Import({UnsubscribeController.class, ProfilingRefusalController.class, ConsentLedger.class, ConsentChanges.class})
    static class Service {

        @Bean
        @Primary
        EventPublisher announcements() {
            return mock(EventPublisher.class);
        }

        @Bean(initMethod = "ensureIndexes")
        SendLeases sendLeases(MongoDatabase database, ConsentLedger ledger) {
            return new SendLeases(database, ledger, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(10));
        }

        @Bean
        UnsubscribeTokens unsubscribeTokens() {
            return new UnsubscribeTokens(List.of(RETIRED, CURRENT, ROTATED_OUT), Clock.systemUTC());
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("beacon.mongo.uri", () -> MONGO_URI);
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsentLedger ledger;

    private RestClient http;
    private String customer;

    @BeforeEach
    void aCustomerWhoAgreedToMarketingEmail() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
        customer = "C-" + System.nanoTime();
        ledger.record("grant " + customer, new ConsentChange(customer, "email", "marketing", true, "/test", Instant.now()), "CONSENT");
    }

    private static String token(UnsubscribeTokens.Key key, String customerId) {
        return new UnsubscribeTokens(key.secret()).tokenFor(customerId);
    }

    @Test
    void aOneClickPostAsMultipartFormDataUnsubscribes() {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("List-Unsubscribe", "One-Click");

        ResponseEntity<String> answer = http.post().uri("/unsubscribe/{token}", token(CURRENT, customer))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("You are unsubscribed");
        assertThat(ledger.check(customer, "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
        assertThat(ledger.history(customer)).last().satisfies(change -> assertThat(change.getString("source")).isEqualTo("/email/one-click"));
    }

    @Test
    void aOneClickPostUrlEncodedUnsubscribes() {
        ResponseEntity<String> answer = http.post().uri("/unsubscribe/{token}", token(CURRENT, customer))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(ledger.check(customer, "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
    }

    @Test
    void aMultipartPostWithoutOneClickChangesNothing() {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("List-Unsubscribe", "Something-Else");

        ResponseEntity<String> answer = http.post().uri("/unsubscribe/{token}", token(CURRENT, customer))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(ledger.check(customer, "email", "marketing").allowed()).isTrue();
    }

    @Test
    void aLinkSignedUnderAKeyRotatedOutOfSigningButNotRetiredStillUnsubscribes() {
        ResponseEntity<String> answer = http.post().uri("/unsubscribe/{token}", token(ROTATED_OUT, customer))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(ledger.check(customer, "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
    }

    @Test
    void aLinkSignedUnderARetiredKeyHasExpiredAndChangesNothing() {
        ResponseEntity<String> answer = http.post().uri("/unsubscribe/{token}?lang=es", token(RETIRED, customer))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(410);
        assertThat(answer.getBody()).contains("Este enlace de baja ha caducado", "No se ha cambiado nada");
        assertThat(ledger.check(customer, "email", "marketing").allowed()).isTrue();
    }

    @Test
    void theUnsubscribeAndProfilingPagesSpeakTheEmailsLanguage() {
        String unsubscribe = token(CURRENT, customer);
        String profiling = new UnsubscribeTokens(CURRENT.secret()).profilingRefusal().tokenFor(customer);
        record Expected(String lang, String htmlLang, String unsubscribeTitle, String profilingTitle) {
        }
        for (var expected : List.of(new Expected("en", "en", "Unsubscribe from marketing emails", "Stop using my personal data to choose offers"),
                new Expected("zh-CN", "zh-CN", "退订营销邮件", "停止使用我的个人信息挑选优惠"),
                new Expected("es", "es", "Darse de baja de los correos de marketing", "Dejar de usar mis datos personales para elegir ofertas"))) {
            String page = http.get().uri("/unsubscribe/{token}?lang={lang}", unsubscribe, expected.lang()).retrieve().body(String.class);
            assertThat(page).as(expected.lang()).contains("<html lang=\"" + expected.htmlLang() + "\"", "<h1>" + expected.unsubscribeTitle() + "</h1>",
                    "name=\"List-Unsubscribe\" value=\"One-Click\"");
            String refusal = http.get().uri("/profiling/{token}?lang={lang}", profiling, expected.lang()).retrieve().body(String.class);
            assertThat(refusal).as(expected.lang()).contains("<html lang=\"" + expected.htmlLang() + "\"", "<h1>" + expected.profilingTitle() + "</h1>");
        }
        String done = http.post().uri("/unsubscribe/{token}?lang=zh-CN", unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("List-Unsubscribe=One-Click").retrieve().body(String.class);
        assertThat(done).contains("您已退订");
        assertThat(ledger.check(customer, "email", "marketing").reason()).isEqualTo(ReasonCode.OPTED_OUT);
    }
}
