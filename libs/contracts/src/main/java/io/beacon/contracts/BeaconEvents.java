package io.beacon.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes and reads Beacon's CloudEvents (structured JSON mode) with the CloudEvents SDK. */
public final class BeaconEvents {

    private static final EventFormat FORMAT = new JsonFormat();

    private BeaconEvents() {
    }

    /** Builds a CloudEvent whose data is the JSON of a record. */
    public static CloudEvent build(String id, String source, String type, String subject, Object data) {
        try {
            return CloudEventBuilder.v1()
                    .withId(id)
                    .withSource(URI.create(source))
                    .withType(type)
                    .withSubject(subject)
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(Json.mapper().writeValueAsBytes(data))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    public static CloudEvent deserialize(byte[] bytes) {
        return FORMAT.deserialize(bytes);
    }

    public static <T> T data(CloudEvent event, Class<T> type) {
        try {
            // JSON data read by the SDK is already a tree: mapped from it, not written back to bytes and parsed again
            if (event.getData() instanceof JsonCloudEventData json) {
                return Json.mapper().treeToValue(json.getNode(), type);
            }
            return Json.mapper().readValue(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("data of " + event.getType() + " " + event.getId() + " is not a " + type.getSimpleName(), e);
        }
    }

    public static JsonNode dataTree(CloudEvent event) {
        try {
            return Json.mapper().readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
