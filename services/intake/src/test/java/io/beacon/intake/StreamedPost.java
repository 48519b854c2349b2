package io.beacon.intake;

import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * {@code POST /api/events} whose body is made as it is read, never held whole by the test, and counts the bytes the
 * server side read: with a Content-Length, or without one as a chunked body arrives. The body is a prefix (JSON)
 * followed by spaces up to its size.
 */
final class StreamedPost extends AbstractMockHttpServletRequestBuilder<StreamedPost> {

    private final byte[] prefix;
    private final long size;
    private final boolean declaresLength;
    private final AtomicLong read = new AtomicLong();

    private StreamedPost(String prefix, long size, boolean declaresLength) {
        super(HttpMethod.POST);
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.size = size;
        this.declaresLength = declaresLength;
        uri("/api/events");
        contentType(MediaType.APPLICATION_JSON);
        if (declaresLength) {
            header(HttpHeaders.CONTENT_LENGTH, size);
        }
    }

    static StreamedPost withContentLength(long size) {
        return new StreamedPost("[", size, true);
    }

    static StreamedPost chunked(long size) {
        return new StreamedPost("[", size, false);
    }

    static StreamedPost withContentLength(String json, long size) {
        return new StreamedPost(json, size, true);
    }

    static StreamedPost chunked(String json, long size) {
        return new StreamedPost(json, size, false);
    }

    /** How many bytes of the body the server side has read. */
    long read() {
        return read.get();
    }

    @Override
    protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
        return new MockHttpServletRequest(servletContext) {
            @Override
            public int getContentLength() {
                return declaresLength ? (int) Math.min(size, Integer.MAX_VALUE) : -1;
            }

            @Override
            public long getContentLengthLong() {
                return declaresLength ? size : -1;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(new Body());
            }
        };
    }

    private final class Body extends InputStream {
        @Override
        public int read() {
            long at = read.get();
            if (at >= size) {
                return -1;
            }
            read.incrementAndGet();
            return at < prefix.length ? prefix[(int) at] & 0xff : ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long at = read.get();
            if (at >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - at);
            for (int i = 0; i < n; i++) {
                long position = at + i;
                buffer[offset + i] = position < prefix.length ? prefix[(int) position] : (byte) ' ';
            }
            read.addAndGet(n);
            return n;
        }
    }
}
