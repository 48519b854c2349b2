package io.beacon.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.beacon.contracts.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON file sits, by JSON Pointer: a file refused at load (the offer catalogue, persona tags,
 * audiences, campaigns) is reported as {@code file:LINE: /pointer: reason}. The tree model forgets where a node came
 * from; this second, streaming pass remembers each value's line.
 */
public final class JsonLines {

    private final Map<String, Integer> lines;

    private JsonLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** @throws IOException when the bytes are not JSON (the caller reports that as the file's problem) */
    public static JsonLines of(byte[] json) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                var context = token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext();
                String pointer = context == null ? "" : context.pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return new JsonLines(lines);
    }

    /** The line of the value at {@code pointer}; a missing field has none, so the line of its nearest enclosing value (0: none). */
    public int line(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
