package io.beacon.sms;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the {@code send-sms} worker when Zeebe is enabled; closing it on shutdown hands unfinished jobs back. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
class SmsWorkerConfiguration {

    @Bean(destroyMethod = "close")
    JobWorker sendSmsWorker(CamundaClient camunda, SmsJobHandler handler, SmsProperties sms) {
        return camunda.newWorker()
                .jobType(SmsJobHandler.JOB_TYPE)
                .handler(handler)
                .name("beacon-sms")
                .timeout(sms.jobTimeout())
                .maxJobsActive(sms.maxJobsActive())
                .fetchVariables("customerId", "productCode", "trigger", "journey", "sourceEventId", "decisionId")
                .open();
    }
}
