package org.eecs.adapter.in.web;

/** A retry that cannot be answered from the first request's result. */
class IdempotencyProblem extends RuntimeException {

    private final Problem problem;

    IdempotencyProblem(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
