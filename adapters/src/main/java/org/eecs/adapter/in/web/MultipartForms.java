package org.eecs.adapter.in.web;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.util.WebUtils;

/**
 * Spring MVC's multipart resolver, in place of the container's parser: a multipart/form-data body (a robot's turn:
 * 600 KB of WAV and frames) is read once into one buffer and its parts are slices of it ({@link MultipartForm}).
 * The key's fingerprint ({@link RequestFingerprint}) and the controller's parts read the same slices; the container
 * never parses the body. Bounded by the request's size limit ({@link RequestSizeLimit}: its wrapper refuses the bytes
 * past it) and by the container's part limits, which applied before ({@code server.tomcat.max-part-count} and
 * {@code max-part-header-size}).
 *
 * <p>A body of up to {@link #LENT_BUFFER} bytes with its length declared is read into a buffer lent for the request
 * and given back when the container is done with it ({@link #requestDestroyed}: after every filter, the response
 * written), not into a new array: a 600 KB array is a humongous object for G1 (half a 1 MB region or more), allocated
 * outside the young generation and counted toward the next marking cycle, and a turn's body was the larger part of
 * the server's allocation at 64 robots. Nothing keeps a slice past the request: the use case takes copies of the
 * parts ({@link TurnParts}).
 */
@Component("multipartResolver") // the name DispatcherServlet looks up; Spring Boot's own resolver then stands back
class MultipartForms implements MultipartResolver, ServletRequestListener {

    /** The first buffer for a body sent without a length (chunked); it grows as the body comes. */
    private static final int UNKNOWN_LENGTH_BUFFER = 64 * 1024;
    /** A lent buffer's size: a turn of 16 frames and 3 s of audio is about 600 KB. */
    static final int LENT_BUFFER = 1 << 20;
    /** How many lent buffers are kept between requests (more are made when more bodies are read at once). */
    private static final int KEPT_BUFFERS = 16;
    private static final String LENT = MultipartForms.class.getName() + ".lent";

    private final BlockingQueue<byte[]> idle = new ArrayBlockingQueue<>(KEPT_BUFFERS);

    private final long maxBytes;
    private final MultipartForm.Limits limits;

    MultipartForms(@Value("${eecs.api.max-turn-bytes}") long maxBytes,
                   @Value("${server.tomcat.max-part-count:50}") int maxParts,
                   @Value("${server.tomcat.max-part-header-size:512B}") DataSize maxPartHeader) {
        this.maxBytes = maxBytes;
        this.limits = new MultipartForm.Limits(maxParts, (int) maxPartHeader.toBytes());
    }

    @Override
    public boolean isMultipart(HttpServletRequest request) {
        return MultipartForm.isFormData(request.getContentType());
    }

    /** The request with its form read (once: a request read before is answered as it was). */
    @Override
    public MultipartFormRequest resolveMultipart(HttpServletRequest request) {
        MultipartHttpServletRequest read = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (read instanceof MultipartFormRequest form) {
            return form;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw UnreadableForm.tooLarge(tooLarge());
        }
        byte[] body = declared >= 0 && declared <= LENT_BUFFER ? lend(request)
                : new byte[declared >= 0 ? (int) declared : UNKNOWN_LENGTH_BUFFER];
        int end = declared >= 0 ? (int) declared : body.length;
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            while (true) {
                if (length == end) {
                    if (declared >= 0 || length > maxBytes) {
                        break; // the declared length is read (the container gives no more), or the limit passed
                    }
                    body = Arrays.copyOf(body, (int) Math.min(maxBytes + 1, 2L * body.length));
                    end = body.length;
                }
                int n = in.read(body, length, end - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (RequestTooLarge tooLarge) {
            throw UnreadableForm.tooLarge(tooLarge.getMessage()); // the path's own limit, which may be lower
        } catch (IOException unreadable) {
            throw UnreadableForm.malformed("the body could not be read to its end", unreadable);
        }
        if (length > maxBytes) {
            throw UnreadableForm.tooLarge(tooLarge());
        }
        return new MultipartFormRequest(request, MultipartForm.read(body, length, request.getContentType(), limits));
    }

    private String tooLarge() {
        return "the request body is larger than the limit of " + maxBytes + " bytes";
    }

    @Override
    public void cleanupMultipart(MultipartHttpServletRequest request) {
        // nothing to clean up here: the parts are slices of the body's buffer, never files, and a lent buffer is
        // given back once the container is done with the request (a filter may read the form after this)
    }

    /** A buffer for this request's body, given back when the request is destroyed. */
    private byte[] lend(HttpServletRequest request) {
        byte[] buffer = idle.poll();
        if (buffer == null) {
            buffer = new byte[LENT_BUFFER];
        }
        request.setAttribute(LENT, buffer);
        return buffer;
    }

    /** How many lent buffers wait for the next body. */
    int buffersKept() {
        return idle.size();
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        ServletRequest request = event.getServletRequest();
        if (request.getAttribute(LENT) instanceof byte[] buffer) {
            request.removeAttribute(LENT);
            idle.offer(buffer); // dropped when enough are kept
        }
    }
}
