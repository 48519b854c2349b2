package io.beacon.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough of RFC 6376 verification (relaxed/relaxed, rsa-sha256) to check a signature against a known public key,
 * as a receiver would after its DNS look-up: the body hash and the header signature.
 */
final class DkimVerifier {

    private DkimVerifier() {
    }

    /** @return the DKIM-Signature tags when both the body hash and the signature hold; throws AssertionError otherwise */
    static Map<String, String> verify(String rawMessage, PublicKey key) throws Exception {
        String raw = rawMessage.replace("\r\n", "\n").replace("\n", "\r\n");
        int split = raw.indexOf("\r\n\r\n");
        String head = raw.substring(0, split + 2);
        String body = raw.substring(split + 4);
        List<String> headers = unfoldedHeaders(head);
        String dkimHeader = headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("dkim-signature:")).findFirst()
                .orElseThrow(() -> new AssertionError("no DKIM-Signature header"));
        Map<String, String> tags = tags(dkimHeader.substring(dkimHeader.indexOf(':') + 1));

        String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(relaxedBody(body).getBytes(StandardCharsets.UTF_8)));
        if (!bodyHash.equals(tags.get("bh"))) {
            throw new AssertionError("body hash differs: " + bodyHash + " vs bh=" + tags.get("bh"));
        }
        var signed = new StringBuilder();
        List<String> remaining = new ArrayList<>(headers);
        for (String name : tags.get("h").split(":")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (int i = remaining.size() - 1; i >= 0; i--) {
                if (remaining.get(i).toLowerCase(Locale.ROOT).startsWith(wanted + ":")) {
                    signed.append(relaxedHeader(remaining.remove(i))).append("\r\n");
                    break;
                }
            }
        }
        // the signature header itself is signed with its b= tag (not bh=) empty
        signed.append(relaxedHeader(emptyB(dkimHeader)));
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(Base64.getDecoder().decode(tags.get("b").replaceAll("\\s", "")))) {
            throw new AssertionError("DKIM signature does not verify");
        }
        return tags;
    }

    private static String emptyB(String header) {
        var out = new StringBuilder();
        for (String part : header.split(";", -1)) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            String trimmed = part.stripLeading();
            if (trimmed.startsWith("b=")) {
                out.append(part, 0, part.indexOf("b=") + 2);
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static List<String> unfoldedHeaders(String head) {
        List<String> headers = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.getLast() + "\r\n" + line);
            } else if (!line.isEmpty()) {
                headers.add(line);
            }
        }
        return headers;
    }

    private static String relaxedHeader(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    private static String relaxedBody(String body) {
        String[] lines = body.split("\r\n", -1);
        var out = new StringBuilder();
        for (String line : lines) {
            out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
        }
        String result = out.toString();
        while (result.endsWith("\r\n\r\n")) {
            result = result.substring(0, result.length() - 2);
        }
        return result.equals("\r\n") ? "" : result;
    }

    private static Map<String, String> tags(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : value.replace("\r\n", "").split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).strip());
            }
        }
        return tags;
    }
}
