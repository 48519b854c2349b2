package io.beacon.sms;

import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryWorkers;
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
    JobWorker sendSmsWorker(CamundaClient camunda, DeliveryJobHandler handler, SmsProperties sms) {
        return DeliveryWorkers.open(camunda, handler, "beacon-sms", sms.jobTimeout(), sms.maxJobsActive());
    }
}
