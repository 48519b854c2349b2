package io.beacon.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatePreviewApi;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
import org.junit.jupiter.api.Test;

/** {@link TemplatePreviewApi} as SMS answers it: the text, its encoding and segments; a request it refuses names the field. */
class TemplatePreviewApiContractTest extends SmsApiContract {

    @Test
    void aTemplateIsRenderedForASampleCustomerWithItsEncodingAndSegments() {
        var preview = api(TemplatePreviewApi.class).preview(new TemplatePreviewRequest("TRAVEL_CARD", "zh-CN", null, "小明", null));

        assertThat(preview.template()).isEqualTo("travel-card-intro-sms");
        assertThat(preview.locale()).isEqualTo("zh-CN");
        assertThat(preview.personalised()).isTrue();
        assertThat(preview.parts().get("text")).contains("小明您好");
        assertThat(preview.encoding()).isEqualTo("UCS_2");
        assertThat(preview.units()).isPositive();
        assertThat(preview.segments()).isEqualTo(1);
        assertThat(preview.locales()).contains("en", "zh-CN");
        assertThat(preview.subject()).as("an email's field").isNull();
        assertThat(preview.title()).as("a push notification's field").isNull();
    }

    @Test
    void aTemplateAStepNamesIsRenderedForTheOfferGiven() {
        var preview = api(TemplatePreviewApi.class).preview(new TemplatePreviewRequest("CREDIT_CARD", null, false, null, null,
                "campaign-offer-by-product-sms"));

        assertThat(preview.template()).isEqualTo("credit-card-generic-sms");
        assertThat(preview.personalised()).isFalse();
    }

    @Test
    void anUnknownVariantOrProductIsRefusedNamingTheField() {
        var api = api(TemplatePreviewApi.class);

        assertThatThrownBy(() -> api.preview(new TemplatePreviewRequest("EASY_SAVER", null, null, null, "shouty")))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("/variant");
                        assertThat(error.message()).contains("'shouty' is not a content variant of EASY_SAVER");
                    });
                });
        assertThatThrownBy(() -> api.preview(new TemplatePreviewRequest("NOPE", null, null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.Invalid.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field).containsExactly("/productCode"));
    }
}
