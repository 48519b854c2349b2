package io.beacon.consent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ConsentApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConsentApplication.class, args);
    }
}
