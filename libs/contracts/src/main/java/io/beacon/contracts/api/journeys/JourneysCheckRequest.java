package io.beacon.contracts.api.journeys;

import java.util.Map;

/** @param files the files of a proposed workflows/ folder: file name to BPMN XML */
public record JourneysCheckRequest(Map<String, String> files) {
}
