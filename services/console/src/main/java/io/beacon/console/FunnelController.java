package io.beacon.console;

import io.beacon.contracts.api.journeys.JourneysApi;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel as data, for the journeys page (console.js) and the bank's BI: {@code GET /api/funnel} (JSON) and
 * {@code GET /api/funnel.csv}, the same numbers, filtered by journey, stage, offer, channel and time. Reads only.
 */
@RestController
class FunnelController {

    /** What /api/funnel answers: the filter applied, the funnel's lines in order, the funnels (All journeys first) and the counts they sum. */
    record FunnelReport(FunnelQuery filter, List<String> lines, List<JourneyFunnel> funnels, List<StepCount> counts) {
    }

    private final OutcomeStore store;
    private final JourneysApi journeys;

    FunnelController(OutcomeStore store, JourneysApi journeys) {
        this.store = store;
        this.journeys = journeys;
    }

    @GetMapping("/api/funnel")
    ResponseEntity<?> funnel(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                             @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        FunnelQuery query;
        try {
            query = query(FunnelFilters.Given.of(journey, stage, offer, channel, from, to));
        } catch (FunnelFilters.Refused e) {
            return FunnelFilters.problem(e);
        }
        List<StepCount> counts = store.funnel(query);
        return ResponseEntity.ok(new FunnelReport(query, JourneyFunnel.LINES, JourneyFunnel.of(counts), counts));
    }

    /** One row per journey, step, type and reason; a cell a spreadsheet would run as a formula is disarmed. */
    @GetMapping("/api/funnel.csv")
    ResponseEntity<?> csv(@RequestParam(required = false) String journey, @RequestParam(required = false) String stage,
                          @RequestParam(required = false) String offer, @RequestParam(required = false) String channel,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
        FunnelQuery query;
        try {
            query = query(FunnelFilters.Given.of(journey, stage, offer, channel, from, to));
        } catch (FunnelFilters.Refused e) {
            return FunnelFilters.problem(e);
        }
        var csv = new StringWriter();
        try (var printer = new CSVPrinter(csv, CSVFormat.RFC4180.builder().setHeader("journey", "step", "type", "reason", "count").get())) {
            for (StepCount count : store.funnel(query)) {
                printer.printRecord(SpreadsheetCells.cell(count.journey() == null ? JourneyFunnel.NO_JOURNEY : count.journey()),
                        SpreadsheetCells.cell(count.step()), count.type(), count.reason(), count.count());
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"beacon-funnel-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    /** The journeys service is asked only when a journey is given. */
    private FunnelQuery query(FunnelFilters.Given given) {
        Optional<Set<String>> deployed = given.journey() == null ? Optional.empty()
                : FunnelFilters.deployed(FunnelFilters.journeys(journeys));
        return FunnelFilters.read(given, deployed);
    }
}
