package io.beacon.contracts.api.channels;

/**
 * One thing wrong with a content set, named so that a translator or marketer finds it.
 *
 * @param file    the file, as {@code content/sms/zh-CN.yml}
 * @param locale  its locale; {@code -} for a file of no locale
 * @param place   a template and its part, an offer, a layout word
 * @param message what is wrong
 */
public record ContentProblem(String file, String locale, String place, String message) {
}
