package io.beacon.decisioning.rules;

import java.time.LocalDate;

/** The decision date as a fact, so that rules never read the clock themselves and tests can fix it. */
public class Today {
    private final LocalDate date;

    public Today(LocalDate date) {
        this.date = date;
    }

    public LocalDate getDate() {
        return date;
    }
}
