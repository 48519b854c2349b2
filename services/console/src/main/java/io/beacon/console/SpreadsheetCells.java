package io.beacon.console;

/** What every CSV export of the console does to its text cells, so that opening one in a spreadsheet runs nothing. */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /** A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is prefixed with an apostrophe. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}
