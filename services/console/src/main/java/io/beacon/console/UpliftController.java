package io.beacon.console;

import io.beacon.contracts.api.journeys.JourneysApi;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The uplift as data (ADR 0025), for the journeys page and the bank's BI: {@code GET /api/uplift} (JSON) and
 * {@code GET /api/uplift.csv}, the same rows, with the funnel's filters and the same 400 problems. Reads only. The
 * journeys service is asked every time: it checks a given journey and lists each journey's holdout share.
 */
@RestController
class UpliftController {

    static final String[] CSV_HEADER = {"scope", "journey", "offer", "treated_n", "treated_conversions", "treated_rate", "control_n",
            "control_conversions", "control_rate", "uplift", "uplift_lower", "uplift_upper", "significant", "incremental_conversions",
            "mean_value", "incremental_value", "holdout_share", "runs", "automated_runs", "automated_share", "note"};

    private final OutcomeStore store;
    private final JourneysApi journeysApi;

    UpliftController(OutcomeStore store, JourneysApi journeysApi) {
        this.store = store;
        this.journeysApi = journeysApi;
    }

    @GetMapping("/api/uplift")
    ResponseEntity<?> uplift(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                             @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        FunnelFilters.Journeys journeys = FunnelFilters.journeys(journeysApi);
        FunnelQuery query;
        try {
            query = FunnelFilters.read(FunnelFilters.Given.of(journey, stage, offer, channel, from, to), FunnelFilters.deployed(journeys));
        } catch (FunnelFilters.Refused e) {
            return FunnelFilters.problem(e);
        }
        return ResponseEntity.ok(UpliftReport.of(store, query, journeys.state()));
    }

    /** One row per row of /api/uplift; empty cells where the JSON has null; text cells disarmed for spreadsheets. */
    @GetMapping("/api/uplift.csv")
    ResponseEntity<?> csv(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                          @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
        ResponseEntity<?> answer = uplift(journey, stage, offer, channel, from, to);
        if (!(answer.getBody() instanceof UpliftReport report)) {
            return answer;
        }
        var csv = new StringWriter();
        try (var printer = new CSVPrinter(csv, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
            for (UpliftRow row : report.rows()) {
                var interval = row.interval();
                var automation = row.automation();
                printer.printRecord(row.scope(), SpreadsheetCells.cell(row.journey()), SpreadsheetCells.cell(row.offer()),
                        row.treated().n(), row.treated().conversions(), row.treated().rate(),
                        row.control().n(), row.control().conversions(), row.control().rate(),
                        row.uplift(), interval == null ? null : interval.lower(), interval == null ? null : interval.upper(), row.significant(),
                        row.value().incrementalConversions(), row.value().meanValue(), row.value().incrementalValue(), row.holdoutShare(),
                        automation == null ? null : automation.runs(), automation == null ? null : automation.automated(),
                        automation == null ? null : automation.share(), SpreadsheetCells.cell(row.note()));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"beacon-uplift-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }
}
