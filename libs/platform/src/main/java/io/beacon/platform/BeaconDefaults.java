package io.beacon.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code beacon-defaults.yml} as the lowest-precedence configuration of every service: how Beacon talks to
 * Kafka (raw CloudEvent bytes, acks=all, synchronous sends, retry instead of drop) is decided once, here.
 * A service's own application.yml, the environment and system properties all override it.
 */
public class BeaconDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("beacon-defaults", new ClassPathResource("beacon-defaults.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
