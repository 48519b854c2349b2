package io.beacon.platform;

import io.beacon.contracts.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A controller refuses by throwing {@link ApiProblem}; this answers it as {@code application/problem+json}, with the
 * fields that were wrong under {@code errors}. The caller's {@code ServiceClients} turns it back into the same type.
 */
@RestControllerAdvice
public class ApiProblemAnswers {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> answer(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), problem.detail());
        body.setType(problem.type());
        if (problem.title() != null) {
            body.setTitle(problem.title());
        }
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors());
        }
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
