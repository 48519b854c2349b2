package io.beacon.sms;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inbound keywords and their replies per language ({@code beacon.sms.keywords.languages} in application.yml);
 * checked whole at start by {@link SmsKeywords#of}, which refuses the start naming every problem.
 */
@ConfigurationProperties("beacon.sms.keywords")
public record SmsKeywordsProperties(List<SmsKeywords.Language> languages) {
}
