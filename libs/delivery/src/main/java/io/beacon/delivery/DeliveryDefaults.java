package io.beacon.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code beacon-delivery-defaults.yml} (the Resilience4j {@code configs.default} every provider starts from) as
 * the lowest-precedence configuration of each sender, so the three senders share one set of settings and their
 * application.yml holds only per-provider overrides.
 */
public class DeliveryDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("beacon-delivery-defaults", new ClassPathResource("beacon-delivery-defaults.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
