package io.beacon.sms;

/**
 * How a text travels as SMS (3GPP TS 23.038): GSM-7 when every character is in the GSM default alphabet or its
 * extension table (which costs two septets a character), else UCS-2; and how many segments that makes (GSM-7: 160
 * septets alone, 153 per part when concatenated; UCS-2: 70 UTF-16 units alone, 67 per part). Carriers bill per
 * segment, and a long text may arrive split, so templates are held to a maximum at load.
 */
public record SmsEncoding(Encoding encoding, int units, int segments) {

    public enum Encoding { GSM_7, UCS_2 }

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    public static SmsEncoding of(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
            }
        }
        if (gsm) {
            return new SmsEncoding(Encoding.GSM_7, septets, septets <= 160 ? 1 : ceil(septets, 153));
        }
        int units = text.length();
        return new SmsEncoding(Encoding.UCS_2, units, units <= 70 ? 1 : ceil(units, 67));
    }

    private static int ceil(int units, int perSegment) {
        return (units + perSegment - 1) / perSegment;
    }
}
