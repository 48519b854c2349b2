package io.beacon.push;

import io.beacon.delivery.DeliveryJobHandler;
import io.beacon.delivery.DeliveryWorkers;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the {@code send-push} worker when Zeebe is enabled; closing it on shutdown hands unfinished jobs back. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "beacon.zeebe.enabled", havingValue = "true")
class PushWorkerConfiguration {

    @Bean(destroyMethod = "close")
    JobWorker sendPushWorker(CamundaClient camunda, DeliveryJobHandler handler, PushProperties push) {
        return DeliveryWorkers.open(camunda, handler, "beacon-push", push.jobTimeout(), push.maxJobsActive());
    }
}
