package io.beacon.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Every page's refusals in one shape: the status and a sentence that says what is wrong and what to do. */
@ControllerAdvice
public class ConsolePages {

    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);

    public static ModelAndView problem(HttpStatusCode status, String message) {
        var page = new ModelAndView("problem");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }

    /** Formatting the pages share ({@code ${fmt.at(...)}}): times in UTC, bar widths, labels. */
    public static final class Formats {
        private static final java.time.format.DateTimeFormatter AT =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

        public String at(java.time.Instant at) {
            return at == null ? "" : AT.format(at);
        }

        /** The day of an instant, in UTC ({@code 2031-12-06}). */
        public String day(java.time.Instant at) {
            return at == null ? "" : java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString();
        }

        public String width(long count, long max) {
            return JourneyFunnel.widthClass(count, max);
        }

        public String label(String type) {
            return JourneyFunnel.label(type);
        }

        /** A share (0 to 1) as "12.5 %"; "n/a" when absent. */
        public String percent(Double share) {
            return share == null ? "n/a" : String.format(java.util.Locale.UK, "%.1f %%", share * 100);
        }

        /** A difference of two rates in percentage points, signed: "+2.0 pp"; "n/a" when absent. */
        public String points(Double difference) {
            return difference == null ? "n/a" : String.format(java.util.Locale.UK, "%+.1f pp", difference * 100);
        }

        /** An amount of money or a count estimate, rounded: "12,430"; "n/a" when absent. */
        public String amount(Double value) {
            return value == null ? "n/a" : String.format(java.util.Locale.UK, "%,.0f", value);
        }

        /** A count with thousands separators ("12,430"); blank when absent. */
        public String count(Object value) {
            return value instanceof Number n ? String.format(java.util.Locale.UK, "%,d", n.longValue()) : value == null ? "" : value.toString();
        }

        /** A time as a service sent it (ISO 8601, epoch millis), in UTC like every other time; as sent if unreadable. */
        public String time(Object value) {
            try {
                return at(instant(value));
            } catch (RuntimeException e) {
                return String.valueOf(value);
            }
        }

        /** An instant, epoch milliseconds, an ISO 8601 instant or offset date-time, or an extended-JSON {$date}; null as null. */
        private static java.time.Instant instant(Object value) {
            return switch (value) {
                case null -> null;
                case java.time.Instant instant -> instant;
                case Number millis -> java.time.Instant.ofEpochMilli(millis.longValue());
                case java.util.Map<?, ?> date when date.get("$date") != null -> instant(date.get("$date"));
                default -> java.time.OffsetDateTime.parse(value.toString()).toInstant();
            };
        }

        /** A duration as a service sent it (ISO 8601, or seconds): "2 h 5 min", "40 s"; as sent if unreadable. */
        public String duration(Object value) {
            if (value == null) {
                return "";
            }
            java.time.Duration d;
            try {
                d = value instanceof Number seconds ? java.time.Duration.ofMillis(Math.round(seconds.doubleValue() * 1000))
                        : java.time.Duration.parse(value.toString());
            } catch (RuntimeException e) {
                return value.toString();
            }
            if (d.isZero() || d.isNegative()) {
                return "0 s";
            }
            if (d.toHours() > 0) {
                return d.toHours() + " h " + d.toMinutesPart() + " min";
            }
            return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : Math.max(1, d.toSecondsPart()) + " s";
        }

        public String left(java.time.Duration left) {
            return left.isNegative() ? "passed" : left.toHours() + " h " + left.toMinutesPart() + " min";
        }
    }

    private static final Formats FORMATS = new Formats();

    @org.springframework.web.bind.annotation.ModelAttribute("fmt")
    Formats formats() {
        return FORMATS;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** A Beacon service did not answer (down, timed out, or its circuit is open): the page says which, not a stack trace. */
    @ExceptionHandler(io.beacon.contracts.api.ApiProblem.Unavailable.class)
    ModelAndView serviceUnavailable(io.beacon.contracts.api.ApiProblem.Unavailable e) {
        log.warn("{}", e.getMessage());
        return problem(HttpStatus.BAD_GATEWAY, "A Beacon service did not answer: " + e.getMessage() + ". Try again in a moment.");
    }
}
