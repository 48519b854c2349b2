package io.beacon.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The keywords and replies as the shipped application.yml configures them, bound and checked as at start. */
final class ShippedKeywords {

    private ShippedKeywords() {
    }

    static SmsKeywords load() {
        return SmsKeywords.of(properties().languages());
    }

    static SmsKeywordsProperties properties() {
        try {
            var environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
            return Binder.get(environment).bind("beacon.sms.keywords", SmsKeywordsProperties.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
