package org.eecs.adapter.in.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** A FHIR request we refuse for what it asks: answered with this status and an OperationOutcome saying why. */
class FhirRequestProblem extends RuntimeException {

    private final int status;
    private final IssueType issue;

    FhirRequestProblem(int status, IssueType issue, String message) {
        super(message);
        this.status = status;
        this.issue = issue;
    }

    static FhirRequestProblem invalid(String message) {
        return new FhirRequestProblem(400, IssueType.INVALID, message);
    }

    static FhirRequestProblem notFound(String message) {
        return new FhirRequestProblem(404, IssueType.NOTFOUND, message);
    }

    static FhirRequestProblem notSupported(String message) {
        return new FhirRequestProblem(400, IssueType.NOTSUPPORTED, message);
    }

    int status() {
        return status;
    }

    IssueType issue() {
        return issue;
    }
}
