package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.adapter.in.web.RobotApiController.UtteranceJson;
import org.eecs.application.port.in.ConversingWithPatients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestPartMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.util.WebUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a multipart turn, taken from the request's form ({@link MultipartFormRequest}) rather than through
 * Spring MVC's {@code @RequestPart} arguments: those cost, on every turn, a converter looked up for the part's type,
 * its headers copied, Jackson reading through a stream and Bean Validation, about 9 % of the request threads' CPU.
 *
 * <p>A robot sends its utterance as {@code application/json} with valid fields: that is read from the part's slice
 * with a reader prepared once, and its constraints are checked in code ({@link #valid}). Any other utterance part --
 * missing, empty, of another type, JSON that does not read, fields at fault -- is read by Spring MVC's own resolver
 * instead, exactly as when it was the controller's argument, so that it is refused as before: 415 with the types
 * taken, 400 malformed-request saying what is wrong, 400 invalid-request listing the fields. Problems come in the
 * order the arguments were resolved in: the utterance's, a missing audio part, then parts not of a turn.
 */
@Component
class TurnParts {

    private static final String UTTERANCE = "utterance";

    private final ObjectReader utterances;
    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private volatile SpringRead springRead;

    /** @param json the mapper Spring MVC reads JSON with ({@code TurnPartsTest} holds it to that) */
    TurnParts(JsonMapper json, ObjectProvider<RequestMappingHandlerAdapter> mvc) {
        this.utterances = json.readerFor(UtteranceJson.class);
        this.mvc = mvc;
    }

    /** A turn's parts: the audio and frames are copies of their own, for the use case to keep. */
    record Turn(UtteranceJson utterance, byte[] audio, List<byte[]> frames) {
    }

    /**
     * @throws Exception Spring MVC's own exceptions for a part refused (answered by {@link ProblemResponses} as for any
     *                   argument), or {@link org.eecs.application.port.InvalidRequest} for parts not of a turn
     */
    Turn read(HttpServletRequest request) throws Exception {
        MultipartFormRequest form = WebUtils.getNativeRequest(request, MultipartFormRequest.class);
        if (form == null) {
            throw new IllegalStateException("a turn's multipart body is read by MultipartForms");
        }
        MultipartForm.Part utterancePart = null;
        MultipartForm.Part audioPart = null;
        List<MultipartForm.Part> frameParts = new ArrayList<>();
        for (MultipartForm.Part part : form.form().parts()) {
            switch (part.name()) {
                case UTTERANCE -> utterancePart = utterancePart == null ? part : utterancePart;
                case "audio" -> audioPart = audioPart == null ? part : audioPart;
                case "frame" -> frameParts.add(part);
                default -> {
                    // refused below, once the utterance and audio are, as before
                }
            }
        }
        UtteranceJson utterance = plainAndValid(utterancePart);
        if (utterance == null) {
            utterance = springRead().utterance(request);
        }
        if (audioPart == null) {
            throw new MissingServletRequestPartException("audio");
        }
        RobotApiController.onlyTurnParts(form.getMultiFileMap());
        List<byte[]> frames = new ArrayList<>(frameParts.size());
        for (MultipartForm.Part frame : frameParts) {
            frames.add(frame.copy());
        }
        return new Turn(utterance, audioPart.copy(), frames);
    }

    /** The utterance if it is plain JSON of valid fields, as robots send it; null for anything else. */
    private UtteranceJson plainAndValid(MultipartForm.Part part) {
        if (part == null || part.length() == 0 || !"application/json".equalsIgnoreCase(part.contentType())) {
            return null;
        }
        try {
            UtteranceJson read = utterances.readValue(part.body(), part.offset(), part.length());
            return read != null && valid(read) ? read : null;
        } catch (JacksonException unreadable) {
            return null; // Spring MVC's read fails the same way and says why
        }
    }

    /**
     * Whether the utterance meets its constraints ({@link UtteranceJson}'s annotations), as Bean Validation would
     * find: the times given, at most {@link ConversingWithPatients#MAX_FRAMES} capture times, none of them null.
     */
    static boolean valid(UtteranceJson utterance) {
        if (utterance.startedAt() == null || utterance.endedAt() == null) {
            return false;
        }
        List<Instant> capturedAt = utterance.frameCapturedAt();
        if (capturedAt == null) {
            return true;
        }
        if (capturedAt.size() > ConversingWithPatients.MAX_FRAMES) {
            return false;
        }
        for (Instant at : capturedAt) {
            if (at == null) {
                return false;
            }
        }
        return true;
    }

    private SpringRead springRead() {
        SpringRead read = springRead;
        if (read == null) {
            read = new SpringRead(mvc.getObject());
            springRead = read;
        }
        return read;
    }

    /**
     * Spring MVC's read of the utterance part, as the controller's {@code @Valid @RequestPart("utterance")} argument
     * was read: its resolver, message converters, body advice and validating binder, all from the handler adapter.
     */
    private static final class SpringRead {

        private final HandlerMethodArgumentResolver resolver;
        private final WebDataBinderFactory binders;
        private final MethodParameter parameter;

        SpringRead(RequestMappingHandlerAdapter adapter) {
            this.resolver = adapter.getArgumentResolvers().stream()
                    .filter(RequestPartMethodArgumentResolver.class::isInstance).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Spring MVC resolves no @RequestPart arguments"));
            // no @InitBinder methods here: the binders are the adapter's own, validating with its validator
            this.binders = new ServletRequestDataBinderFactory(null, adapter.getWebBindingInitializer());
            try {
                this.parameter = new MethodParameter(SpringRead.class.getDeclaredMethod("declared",
                        UtteranceJson.class), 0);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        UtteranceJson utterance(HttpServletRequest request) throws Exception {
            return (UtteranceJson) resolver.resolveArgument(parameter, null, new ServletWebRequest(request), binders);
        }

        /** The argument as the controller declared it: what the resolver reads and validates. */
        @SuppressWarnings("unused")
        private static void declared(@Valid @RequestPart(UTTERANCE) UtteranceJson utterance) {
        }
    }
}
