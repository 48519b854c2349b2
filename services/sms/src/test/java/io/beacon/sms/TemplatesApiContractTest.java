package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatesApi;
import io.beacon.contracts.api.channels.TemplatesCheckRequest;
import io.beacon.delivery.ContentFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link TemplatesApi}: the content a sender serves and a proposed tree checked, through the typed client. */
class TemplatesApiContractTest extends SmsApiContract {

    @Test
    void theContentServingWithEveryTemplate() {
        var status = api(TemplatesApi.class).templates();

        assertThat(status.channel()).isEqualTo("sms");
        assertThat(status.version()).isEqualTo(ContentFiles.read(Path.of("../../content")).forChannel(io.beacon.delivery.Channel.SMS).version());
        assertThat(status.loadedAt()).isNotNull();
        assertThat(status.directory()).endsWith("content");
        assertThat(status.interval()).isPositive();
        assertThat(status.lastRejection()).isNull();
        assertThat(status.templates()).anySatisfy(template -> {
            assertThat(template.name()).isEqualTo("easy-saver-intro-sms");
            assertThat(template.kind()).isEqualTo("OFFER");
            assertThat(template.offer()).isEqualTo("EASY_SAVER");
            assertThat(template.generic()).isEqualTo("easy-saver-generic-sms");
            assertThat(template.locales()).contains("en", "zh-CN");
        });
        assertThat(status.offersOwn()).contains("campaign-offer-by-product-sms");
    }

    @Test
    void aProposedTreeIsCheckedWithEveryProblemAndTheMessagesItWouldRender() {
        var api = api(TemplatesApi.class);
        String serving = api.templates().version();
        var files = new TreeMap<>(ContentFiles.read(Path.of("../../content")).all());
        files.put("sms/zh-CN.yml", files.get("sms/zh-CN.yml").replace("【{{bankName}}】{{firstName}}您好，{{productName}}现已向您开放",
                "【{{bankName}}】{{fristName}}您好，{{productName}}现已向您开放"));

        var refused = api.check(new TemplatesCheckRequest(files, null));
        assertThat(refused.version()).isNotEqualTo(serving);
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("content/sms/zh-CN.yml");
            assertThat(problem.locale()).isEqualTo("zh-CN");
            assertThat(problem.place()).isEqualTo("easy-saver-intro-sms");
            assertThat(problem.message()).contains("unknown placeholder {{fristName}}");
        });

        var unchanged = api.check(new TemplatesCheckRequest(ContentFiles.read(Path.of("../../content")).all(), List.of("EASY_SAVER")));
        assertThat(unchanged.problems()).isEmpty();
        assertThat(unchanged.rendered().count()).isPositive();
        assertThat(unchanged.rendered().shown()).anySatisfy(message -> {
            assertThat(message.offer()).isEqualTo("EASY_SAVER");
            assertThat(message.why()).isEqualTo("OFFERED");
            assertThat(message.parts()).containsKey("text");
        });
        assertThat(api.templates().version()).isEqualTo(serving);
    }

    @Test
    void aCheckWithoutFilesNamesTheField() {
        assertThatThrownBy(() -> api(TemplatesApi.class).check(new TemplatesCheckRequest(null, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.title()).isEqualTo("Invalid content check");
                    assertThat(problem.errors()).extracting(ApiProblem.FieldError::field).containsExactly("files");
                });
    }

}
