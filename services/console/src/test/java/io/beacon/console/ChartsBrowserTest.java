package io.beacon.console;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.MeasurementGroup;
import io.beacon.contracts.OfferOutcome;
import io.beacon.contracts.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's charts in real headless Chromium: drawn by the Chart.js the console serves itself (the page's policy
 * allows no other origin), from the same API as the tables, and the values drawn are the API's numbers.
 */
class ChartsBrowserTest extends BrowserTestBase {

    @Autowired
    private OutcomeStore outcomes;

    @BeforeEach
    void signedInAsMarketingOps() {
        signIn("ops", "beacon-ops");
    }

    @Test
    void anExperimentsChartDrawsEachVariantsRateAndIntervalAsTheApiGivesThem() {
        SERVICES.stubFor(post(urlPathEqualTo("/sms/api/templates/preview")).withRequestBody(containing("\"variant\":\"goal\""))
                .willReturn(okJson("{\"template\":\"easy-saver-goal-sms\"}")));
        browser.open(url("/ops/experiments"));
        browser.find("input[name=id]").sendKeys("easy-saver-sms-goal");
        browser.find("input[name=productCode]").sendKeys("EASY_SAVER");
        browser.clickAndWait("form.start-experiment button[type=submit]");
        assertThat(browser.text()).contains("experiment easy-saver-sms-goal started");
        for (int i = 0; i < 400; i++) {
            record(OutcomeType.SENT, "d" + i, "default");
            record(OutcomeType.SENT, "g" + i, "goal");
            if (i < 20) {
                record(OutcomeType.CONVERTED, "d" + i, "default");
            }
            if (i < 48) {
                record(OutcomeType.CONVERTED, "g" + i, "goal");
            }
        }

        browser.open(url("/ops/experiments"));
        browser.await(Duration.ofSeconds(15), driver -> "true".equals(browser.find("canvas.experiment-chart").getAttribute("data-drawn")));
        browser.screenshot("experiment-chart");

        var js = (JavascriptExecutor) browser.driver();
        @SuppressWarnings("unchecked")
        List<Object> rates = (List<Object>) js.executeScript(
                "return Chart.getChart(document.querySelector('canvas.experiment-chart')).data.datasets[0].data;");
        @SuppressWarnings("unchecked")
        List<List<Object>> intervals = (List<List<Object>>) js.executeScript(
                "return Chart.getChart(document.querySelector('canvas.experiment-chart')).data.datasets[1].data;");
        @SuppressWarnings("unchecked")
        List<Object> labels = (List<Object>) js.executeScript(
                "return Chart.getChart(document.querySelector('canvas.experiment-chart')).data.labels;");
        Number drawnBarTop = (Number) js.executeScript(
                "var c = Chart.getChart(document.querySelector('canvas.experiment-chart'));"
                        + "return c.scales.y.getValueForPixel(c.getDatasetMeta(0).data[1].y);");

        assertThat(labels).containsExactly("default", "goal");
        assertThat(rates).extracting(r -> ((Number) r).doubleValue()).containsExactly(5.0, 12.0);
        // Wilson's 95 % intervals of 20/400 and 48/400, to a tenth of a point as drawn
        assertThat(intervals.get(0)).extracting(v -> ((Number) v).doubleValue()).containsExactly(3.3, 7.6);
        assertThat(intervals.get(1)).extracting(v -> ((Number) v).doubleValue()).containsExactly(9.2, 15.6);
        // the bar is drawn up to its value on the chart's own axis
        assertThat(drawnBarTop.doubleValue()).isBetween(11.8, 12.2);
    }

    @Test
    void theJourneysPageChartsTheFunnelTheUpliftWithItsIntervalAndConversionsAsTheApisGiveThem() {
        SERVICES.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/journeys/api/journeys"))
                .willReturn(okJson(UpliftFixture.DEPLOYED)));
        UpliftFixture.seed(outcomes);

        browser.open(url("/ops"));
        for (String chart : List.of("funnel-chart", "uplift-chart", "conversions-chart")) {
            browser.await(Duration.ofSeconds(15), driver -> "true".equals(browser.find("#" + chart).getAttribute("data-drawn")));
        }
        browser.screenshot("ops-charts");
        var js = (JavascriptExecutor) browser.driver();

        // the uplift bars and intervals are the API's rows, in points to a tenth
        @SuppressWarnings("unchecked")
        List<Object> drawn = (List<Object>) js.executeScript(
                "var c = Chart.getChart(document.getElementById('uplift-chart'));"
                        + "var x = new XMLHttpRequest(); x.open('GET', '/api/uplift', false); x.send();"
                        + "var rows = JSON.parse(x.responseText).rows.filter(function (r) {"
                        + "  return (r.scope === 'PROGRAMME' || r.scope === 'JOURNEY') && r.uplift != null; });"
                        + "return [c.data.labels, c.data.datasets[0].data, c.data.datasets[1].data,"
                        + "  rows.map(function (r) { return Math.round(r.uplift * 1000) / 10; }),"
                        + "  rows.map(function (r) { return [Math.round(r.interval.lower * 1000) / 10, Math.round(r.interval.upper * 1000) / 10]; })];");
        assertThat(drawn.get(1)).isEqualTo(drawn.get(3));
        assertThat(drawn.get(2)).isEqualTo(drawn.get(4));
        // and salary-savings is Newcombe's published example, 56/70 against 48/80: +20.0 points, 5.2 to 33.4
        int savings = ((List<?>) drawn.get(0)).indexOf(UpliftFixture.SAVINGS);
        assertThat(((Number) ((List<?>) drawn.get(1)).get(savings)).doubleValue()).isEqualTo(20.0);
        assertThat((List<?>) ((List<?>) drawn.get(2)).get(savings)).extracting(v -> ((Number) v).doubleValue()).containsExactly(5.2, 33.4);

        // the funnel's bars are All journeys' lines; conversions per day are both groups' on the fixture's two days
        @SuppressWarnings("unchecked")
        List<Object> funnel = (List<Object>) js.executeScript(
                "var c = Chart.getChart(document.getElementById('funnel-chart')); return [c.data.labels, c.data.datasets[0].data];");
        assertThat(((List<?>) funnel.get(0)).stream().map(String::valueOf).toList()).contains("Proposed", "Triggered", "Sent", "Converted");
        int sent = ((List<?>) funnel.get(0)).indexOf("Sent");
        assertThat(((Number) ((List<?>) funnel.get(1)).get(sent)).longValue()).isEqualTo(175);
        @SuppressWarnings("unchecked")
        List<Object> conversions = (List<Object>) js.executeScript(
                "var c = Chart.getChart(document.getElementById('conversions-chart'));"
                        + " return [c.data.labels, c.data.datasets[0].data, c.data.datasets[1].data];");
        assertThat(((List<?>) conversions.get(0)).stream().map(String::valueOf).toList()).containsExactly("2026-03-02", "2026-03-03");
        assertThat((List<?>) conversions.get(1)).extracting(v -> ((Number) v).longValue()).containsExactly(66L, 2L);
        assertThat((List<?>) conversions.get(2)).extracting(v -> ((Number) v).longValue()).containsExactly(49L, 0L);
    }

    private void record(OutcomeType type, String customer, String variant) {
        var outcome = new OfferOutcome(type, customer, "first-salary", "inst-" + customer, type == OutcomeType.SENT ? "Task_SendSms" : "Task_RecordConverted",
                "SalaryCredited", "EASY_SAVER", type == OutcomeType.SENT ? "sms" : null, null, null, "evt-" + customer, "dec-" + customer,
                Instant.parse("2026-12-01T10:00:00Z")).measured(MeasurementGroup.TREATMENT, "easy-saver-sms-goal/" + variant, null);
        outcomes.record(outcome.eventId(), outcome, outcome.at());
    }

}
