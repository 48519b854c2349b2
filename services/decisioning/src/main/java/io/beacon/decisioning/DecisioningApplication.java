package io.beacon.decisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DecisioningApplication {
    public static void main(String[] args) {
        SpringApplication.run(DecisioningApplication.class, args);
    }
}
