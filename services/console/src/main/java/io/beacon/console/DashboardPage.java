package io.beacon.console;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the dashboard as plain HTML, complete without JavaScript; console.js then refreshes the same markup
 * from the JSON APIs. Every asset is referenced by a relative URL, so the page works behind any path prefix and
 * needs nothing from outside the console.
 */
final class DashboardPage {

    static final int LATEST = 50;

    private DashboardPage() {
    }

    static String render(List<JourneyFunnel> funnels, List<OutcomeView> outcomes) {
        var html = new StringBuilder(16 * 1024);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Beacon console</title>
                <link rel="stylesheet" href="console.css">
                <script src="console.js" defer></script>
                </head>
                <body>
                <header>
                <h1>Beacon console</h1>
                <p>Offer funnels and outcomes, built from <code>beacon.offers</code> only.
                <span id="status" role="status">Refreshes every 5 s.</span></p>
                </header>
                <main>
                <section id="funnels" aria-label="Funnels per journey">
                """);
        if (funnels.isEmpty()) {
            html.append("<p class=\"empty\">No outcomes yet.</p>\n");
        }
        for (JourneyFunnel funnel : funnels) {
            funnel(html, funnel);
        }
        html.append("""
                </section>
                <section aria-labelledby="latest-title">
                <h2 id="latest-title">Latest outcomes</h2>
                <table class="outcomes">
                <thead><tr><th>At (UTC)</th><th>Customer</th><th>Journey</th><th>Step</th><th>Outcome</th><th>Channel</th><th>Product</th><th>Reason</th><th>Trigger</th></tr></thead>
                <tbody id="outcomes">
                """);
        for (OutcomeView outcome : outcomes) {
            html.append("<tr class=\"").append(cssType(outcome.type())).append("\">");
            cell(html, outcome.at().truncatedTo(ChronoUnit.SECONDS).toString());
            cell(html, outcome.customerId());
            cell(html, journeyName(outcome.journey()));
            cell(html, outcome.step());
            cell(html, JourneyFunnel.label(outcome.type()));
            cell(html, outcome.channel());
            cell(html, outcome.productCode());
            cell(html, outcome.reason());
            cell(html, outcome.trigger());
            html.append("</tr>\n");
        }
        html.append("""
                </tbody>
                </table>
                </section>
                </main>
                </body>
                </html>
                """);
        return html.toString();
    }

    private static void funnel(StringBuilder html, JourneyFunnel funnel) {
        long max = funnel.max();
        long triggered = funnel.triggered();
        html.append("<article class=\"journey\">\n<h2>").append(escape(journeyName(funnel.journey()))).append("</h2>\n")
                .append("<table class=\"funnel\">\n<thead><tr><th>Stage</th><th class=\"num\">Count</th>")
                .append("<th class=\"num\">Of triggered</th><th class=\"chart\"></th></tr></thead>\n<tbody>\n");
        for (JourneyFunnel.Row row : funnel.rows()) {
            html.append(row.reason() ? "<tr class=\"reason\">" : "<tr>");
            cell(html, row.label());
            html.append("<td class=\"num\">").append(row.count()).append("</td>");
            html.append("<td class=\"num\">").append(share(row.count(), triggered)).append("</td>");
            html.append("<td class=\"chart\"><span class=\"bar ").append(widthClass(row.count(), max)).append("\"></span></td>");
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</article>\n");
    }

    /** Bars are sized by a class in 5 % steps, not an inline style, so that a strict CSP (no inline styles) holds. */
    static String widthClass(long count, long max) {
        if (count <= 0 || max <= 0) {
            return "w0";
        }
        long steps = Math.max(1, Math.round(count * 20.0 / max));
        return "w" + steps * 5;
    }

    static String share(long count, long triggered) {
        return triggered <= 0 ? "" : Math.round(count * 100.0 / triggered) + " %";
    }

    static String journeyName(String journey) {
        return journey == null ? "(before any journey)" : journey;
    }

    private static String cssType(String type) {
        return "t-" + type.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(escape(text)).append("</td>");
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
