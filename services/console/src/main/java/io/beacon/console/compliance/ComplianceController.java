package io.beacon.console.compliance;

import io.beacon.console.ConsolePages;
import io.beacon.console.access.AuditLog;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The compliance search page and its CSV export (the same rows). */
@Controller
class ComplianceController {

    private final ComplianceSearch search;
    private final AuditLog audit;

    ComplianceController(ComplianceSearch search, AuditLog audit) {
        this.search = search;
        this.audit = audit;
    }

    @GetMapping("/compliance")
    ModelAndView page(Authentication user, @RequestParam(required = false) String customerId, @RequestParam(required = false) String productCode,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        var page = new ModelAndView("compliance/search");
        page.addObject("customerId", customerId);
        page.addObject("productCode", productCode);
        page.addObject("from", from);
        page.addObject("to", to);
        if (customerId == null && productCode == null && from == null && to == null) {
            page.addObject("rows", List.of());
            return page;
        }
        try {
            var query = query(customerId, productCode, from, to);
            page.addObject("rows", search.search(query));
            audit.record(user.getName(), "compliance-search", "compliance", query.customerId(), "ACCEPTED", describe(query));
        } catch (IllegalArgumentException e) {
            audit.record(user.getName(), "compliance-search", "compliance", null, "INVALID", e.getMessage());
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
            page.setStatus(HttpStatus.BAD_REQUEST);
        }
        return page;
    }

    @GetMapping("/compliance/export.csv")
    Object export(Authentication user, @RequestParam(required = false) String customerId, @RequestParam(required = false) String productCode,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
        ComplianceSearch.Query query;
        try {
            query = query(customerId, productCode, from, to);
        } catch (IllegalArgumentException e) {
            audit.record(user.getName(), "compliance-export", "compliance", null, "INVALID", e.getMessage());
            return ConsolePages.problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        var csv = new StringWriter();
        try (var printer = new CSVPrinter(csv, CSVFormat.RFC4180.builder()
                .setHeader("at", "kind", "customerId", "productCode", "what", "why", "who", "evidence", "keptAfterErasureUntil").get())) {
            for (ComplianceSearch.Row row : search.search(query)) {
                printer.printRecord(row.at(), row.kind(), cell(row.customerId()), cell(row.productCode()), cell(row.what()),
                        cell(row.why()), cell(row.who()), cell(row.evidence()), row.keptUntil() == null ? "" : row.keptUntil());
            }
        }
        audit.record(user.getName(), "compliance-export", "compliance", query.customerId(), "ACCEPTED", describe(query));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"beacon-compliance-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    /** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe: an export never executes. */
    static String cell(String value) {
        return io.beacon.console.SpreadsheetCells.cell(value);
    }

    static ComplianceSearch.Query query(String customerId, String productCode, String from, String to) {
        var query = new ComplianceSearch.Query(blankToNull(customerId), blankToNull(productCode), day("from", from, 0), day("to", to, 1));
        if (query.empty()) {
            throw new IllegalArgumentException("give a customer id, a product code or a start date");
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        return query;
    }

    /** A date (2026-11-01, the day in UTC) or an instant; 'to' is inclusive of its day. */
    private static Instant day(String name, String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + name + "' must be a date such as 2026-11-01, not '" + value + "'");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String describe(ComplianceSearch.Query query) {
        return "customer=" + query.customerId() + " product=" + query.productCode() + " from=" + query.from() + " to=" + query.to();
    }
}
