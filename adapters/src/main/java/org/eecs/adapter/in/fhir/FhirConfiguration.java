package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The FHIR R4 context (built once: it is costly), and the FHIR rules for errors and formats under /fhir. */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration implements WebMvcConfigurer {

    private final FhirContext fhir = FhirContext.forR4Cached();

    @Bean
    FhirContext fhirContext() {
        return fhir;
    }

    /** First of all resolvers, so that nothing under /fhir is answered as a problem+json instead. */
    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(new FhirErrors(fhir));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JsonOnly()).addPathPatterns("/fhir", "/fhir/**");
    }

    /**
     * We answer in JSON only: a client that accepts neither FHIR JSON nor JSON (only XML, say) or asks for another
     * {@code _format} gets 406 rather than a format it did not ask for.
     */
    static final class JsonOnly implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String format = request.getParameter("_format");
            if (format != null && !List.of("json", "application/json", "application/fhir+json")
                    .contains(format.strip())) {
                throw new FhirRequestProblem(406, IssueType.NOTSUPPORTED, "_format " + format
                        + " is not offered: this server answers in application/fhir+json only");
            }
            String accept = request.getHeader("Accept");
            if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
                throw new FhirRequestProblem(406, IssueType.NOTSUPPORTED, "Accept " + accept
                        + " is not offered: this server answers in application/fhir+json only");
            }
            return true;
        }

        private static boolean acceptsJson(String accept) {
            for (String range : accept.split(",")) {
                String type = range.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")
                        || type.equals("application/fhir+json") || type.equals("application/json+fhir")
                        || type.equals("application/fhir+ndjson") || type.equals("application/ndjson")) {
                    return true;
                }
            }
            return false;
        }
    }
}
