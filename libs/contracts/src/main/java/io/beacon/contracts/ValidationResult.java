package io.beacon.contracts;

import java.util.List;

/** The outcome of validating one raw event. */
public sealed interface ValidationResult {

    record Valid(BankEvent event) implements ValidationResult {
    }

    /** @param subject the customer id when it could be read, for keying the rejected record; else null */
    record Invalid(List<Violation> violations, String subject, String id) implements ValidationResult {
        public String reason() {
            return String.join("; ", violations.stream().map(Violation::toString).toList());
        }
    }
}
