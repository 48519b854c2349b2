package io.beacon.email;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the {@code send-email} worker when Zeebe is enabled; closing it on shutdown hands unfinished jobs back. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
class EmailWorkerConfiguration {

    @Bean(destroyMethod = "close")
    JobWorker sendEmailWorker(CamundaClient camunda, EmailJobHandler handler, EmailProperties email) {
        return camunda.newWorker()
                .jobType(EmailJobHandler.JOB_TYPE)
                .handler(handler)
                .name("beacon-email")
                .timeout(email.jobTimeout())
                .maxJobsActive(email.maxJobsActive())
                .fetchVariables("customerId", "productCode", "trigger", "journey", "sourceEventId", "decisionId")
                .open();
    }
}
