package org.eecs.adapter.in.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.AbstractMultipartHttpServletRequest;

/**
 * A request whose multipart/form-data body has been read ({@link MultipartForms}): Spring MVC's {@code @RequestPart}
 * arguments are its parts, each a slice of the body's buffer. Every part is reachable by its name as a file,
 * with or without a filename.
 */
final class MultipartFormRequest extends AbstractMultipartHttpServletRequest {

    private final MultipartForm form;

    MultipartFormRequest(HttpServletRequest request, MultipartForm form) {
        super(request);
        this.form = form;
        MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();
        for (MultipartForm.Part part : form.parts()) {
            files.add(part.name(), new Slice(part));
        }
        setMultipartFiles(files);
    }

    MultipartForm form() {
        return form;
    }

    @Override
    public HttpMethod getRequestMethod() {
        return HttpMethod.valueOf(getRequest().getMethod());
    }

    @Override
    public String getMultipartContentType(String paramOrFileName) {
        MultipartFile file = getFile(paramOrFileName);
        return file == null ? null : file.getContentType();
    }

    @Override
    public HttpHeaders getMultipartHeaders(String paramOrFileName) {
        for (MultipartForm.Part part : form.parts()) {
            if (part.name().equals(paramOrFileName)) {
                HttpHeaders headers = new HttpHeaders();
                part.headers().forEach(header -> headers.add(header.name(), header.value()));
                return headers;
            }
        }
        return null;
    }

    /** A part as Spring's file: its bytes are the slice; {@link #getBytes} is the one copy. */
    private record Slice(MultipartForm.Part part) implements MultipartFile {

        @Override
        public String getName() {
            return part.name();
        }

        @Override
        public String getOriginalFilename() {
            return part.filename();
        }

        @Override
        public String getContentType() {
            return part.contentType();
        }

        @Override
        public boolean isEmpty() {
            return part.length() == 0;
        }

        @Override
        public long getSize() {
            return part.length();
        }

        @Override
        public byte[] getBytes() {
            return part.copy();
        }

        @Override
        public InputStream getInputStream() {
            return part.content();
        }

        @Override
        public void transferTo(File destination) throws IOException {
            transferTo(destination.toPath());
        }

        @Override
        public void transferTo(Path destination) throws IOException {
            try (OutputStream out = Files.newOutputStream(destination)) {
                out.write(part.body(), part.offset(), part.length());
            }
        }
    }
}
