package io.beacon.contracts.api.channels;

import java.util.List;
import java.util.Map;

/**
 * A content tree to check.
 *
 * @param files   every file of the tree, by its path relative to content/ ({@code "sms/en.yml": "..."})
 * @param offered the products whose own message the answer should render too (those a proposal's replay offers more
 *                often); null for none
 */
public record TemplatesCheckRequest(Map<String, String> files, List<String> offered) {
}
