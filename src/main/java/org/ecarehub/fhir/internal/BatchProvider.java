package org.ecarehub.fhir.internal;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Batch bundles ({@code POST /fhir} with a Bundle of type {@code batch}): each entry is sent through the whole server
 * exactly as if the caller had sent it alone, with the caller's own token and purpose, so that it meets the same
 * scope check, validation, provider, access decision and log entry, and answers with its own status. Nothing looks at
 * the Bundle as a whole; a hidden entry answers exactly as a missing one, because that is how it answers alone. A
 * {@code transaction} is refused (422): its entries would have to succeed or fail together, which the modules'
 * separate transactions cannot promise.
 */
final class BatchProvider {

    /** The most entries a batch may hold: each is a request of its own, with its own decisions and log entries. */
    static final int MAX_ENTRIES = 50;

    static final String BATCH_ONLY = "batch-only";
    static final String TOO_MANY_ENTRIES = "too-many-entries";

    private static final Logger log = LoggerFactory.getLogger(BatchProvider.class);

    @Transaction
    public Bundle batch(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
            String text = "a transaction is not served: send the entries as a batch, each answered on its own";
            throw new UnprocessableEntityException(text, Outcomes.outcome(IssueType.NOTSUPPORTED, BATCH_ONLY, text));
        }
        if (bundle.getType() != Bundle.BundleType.BATCH) {
            throw Parsing.invalid("POST to the base takes a Bundle of type batch");
        }
        if (bundle.getEntry().size() > MAX_ENTRIES) {
            throw Outcomes.invalid(TOO_MANY_ENTRIES, "a batch holds at most " + MAX_ENTRIES + " entries");
        }
        ServletRequestDetails servlet = (ServletRequestDetails) request;
        FhirServer server = (FhirServer) servlet.getServer();
        Bundle answer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            answer.addEntry(answer(server, servlet, entry));
        }
        return answer;
    }

    private Bundle.BundleEntryComponent answer(
            FhirServer server, ServletRequestDetails outer, Bundle.BundleEntryComponent entry) {
        Bundle.BundleEntryRequestComponent asked = entry.getRequest();
        String base = outer.getFhirServerBase();
        String url = asked.getUrl();
        if (!asked.hasMethod() || asked.getMethod() == Bundle.HTTPVerb.NULL || url == null || url.isBlank()) {
            return refused(400, "invalid-resource", "each entry needs request.method and request.url");
        }
        if (url.startsWith(base + "/")) {
            url = url.substring(base.length() + 1);
        }
        if (url.startsWith("/")) {
            url = url.substring(1);
        }
        if (url.isEmpty() || url.startsWith("?") || url.contains("://") || url.startsWith("_batch")) {
            return refused(400, "invalid-resource", "an entry's request.url is relative to the base and names a type");
        }
        byte[] body = null;
        if (entry.hasResource()) {
            body = outer.getFhirContext()
                    .newJsonParser()
                    .encodeResourceToString(entry.getResource())
                    .getBytes(StandardCharsets.UTF_8);
        }
        BatchEntryRequest inner;
        try {
            inner = new BatchEntryRequest(outer.getServletRequest(), asked, URI.create("x:/" + url), body);
        } catch (IllegalArgumentException unreadable) {
            return refused(400, "invalid-resource", "an entry's request.url is not a URL");
        }
        BatchEntryResponse captured = new BatchEntryResponse(outer.getServletResponse());
        try {
            server.service(inner, captured);
        } catch (ServletException | IOException | RuntimeException failed) {
            log.error("A batch entry failed: {}", failed.getClass().getName());
            return refused(500, Outcomes.INTERNAL_ERROR, "the hub could not answer this entry");
        }
        return answered(outer, captured);
    }

    private static Bundle.BundleEntryComponent answered(ServletRequestDetails outer, BatchEntryResponse captured) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        Bundle.BundleEntryResponseComponent response = entry.getResponse();
        response.setStatus(status(captured.getStatus()));
        if (captured.getHeader("Location") != null) {
            response.setLocation(captured.getHeader("Location"));
        } else if (captured.getHeader("Content-Location") != null) {
            response.setLocation(captured.getHeader("Content-Location"));
        }
        if (captured.getHeader("ETag") != null) {
            response.setEtag(captured.getHeader("ETag"));
        }
        String body = captured.body();
        if (!body.isBlank()) {
            IBaseResource resource;
            try {
                resource = outer.getFhirContext().newJsonParser().parseResource(body);
            } catch (DataFormatException notFhir) {
                log.error("A batch entry answered with something other than a FHIR resource");
                return refused(500, Outcomes.INTERNAL_ERROR, "the hub could not answer this entry");
            }
            if (resource instanceof OperationOutcome outcome && captured.getStatus() >= 400) {
                response.setOutcome(outcome);
            } else if (resource instanceof org.hl7.fhir.r4.model.Resource shown) {
                entry.setResource(shown);
                if (shown.hasIdElement() && shown.getIdElement().hasIdPart() && !(shown instanceof OperationOutcome)) {
                    entry.setFullUrl(outer.getFhirServerBase() + "/" + shown.fhirType() + "/"
                            + shown.getIdElement().getIdPart());
                }
            }
        }
        return entry;
    }

    private static Bundle.BundleEntryComponent refused(int status, String code, String text) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        entry.getResponse()
                .setStatus(status(status))
                .setOutcome(Outcomes.outcome(status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID, code, text));
        return entry;
    }

    private static String status(int code) {
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(code);
        return known == null ? String.valueOf(code) : code + " " + known.getReasonPhrase();
    }

    /** The request a batch entry would have been alone: the caller's own headers, the entry's method, URL and body. */
    static final class BatchEntryRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final String method;
        private final String path;
        private final String query;
        private final byte[] body;
        private final java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final java.util.Map<String, String[]> parameters;
        private final java.util.Map<String, Object> attributes = new java.util.HashMap<>();

        BatchEntryRequest(HttpServletRequest outer, Bundle.BundleEntryRequestComponent asked, URI url, byte[] body) {
            super(outer);
            this.method = asked.getMethod().toCode();
            this.path = url.getRawPath().substring(1);
            this.query = url.getRawQuery();
            this.body = body;
            this.parameters = parameters(query);
            headers.put("Content-Type", body == null ? null : "application/fhir+json;charset=UTF-8");
            headers.put("Content-Length", body == null ? null : String.valueOf(body.length));
            // The caller's own conditions travel with the entry, the outer request's do not.
            headers.put("Content-Encoding", null);
            headers.put("Accept-Encoding", null);
            headers.put("Accept", "application/fhir+json");
            headers.put("If-None-Exist", asked.hasIfNoneExist() ? asked.getIfNoneExist() : null);
            headers.put("If-Match", asked.hasIfMatch() ? asked.getIfMatch() : null);
            headers.put("If-None-Match", asked.hasIfNoneMatch() ? asked.getIfNoneMatch() : null);
            headers.put(
                    "If-Modified-Since",
                    asked.hasIfModifiedSince()
                            ? asked.getIfModifiedSinceElement().getValueAsString()
                            : null);
            headers.put("Prefer", null);
        }

        private static java.util.Map<String, String[]> parameters(String query) {
            java.util.Map<String, List<String>> found = new java.util.LinkedHashMap<>();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = java.net.URLDecoder.decode(
                            equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value = equals < 0
                            ? ""
                            : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    found.computeIfAbsent(name, key -> new java.util.ArrayList<>())
                            .add(value);
                }
            }
            java.util.Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
            found.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
            return java.util.Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + getServletPath() + "/" + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer outer = super.getRequestURL();
            String outerUri = super.getRequestURI();
            int start = outer.indexOf(outerUri, outer.indexOf("//") + 2);
            StringBuffer url = new StringBuffer(start < 0 ? outer : outer.substring(0, start));
            return url.append(getRequestURI());
        }

        @Override
        public String getPathInfo() {
            return "/" + java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public java.util.Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return java.util.Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public String getHeader(String name) {
            return headers.containsKey(name) ? headers.get(name) : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            if (headers.containsKey(name)) {
                String value = headers.get(name);
                return java.util.Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            java.util.Collections.list(super.getHeaderNames()).forEach(names::add);
            headers.forEach((name, value) -> {
                if (value == null) {
                    names.remove(name);
                } else {
                    names.add(name);
                }
            });
            return java.util.Collections.enumeration(names);
        }

        @Override
        public String getContentType() {
            return headers.get("Content-Type");
        }

        @Override
        public int getContentLength() {
            return body == null ? -1 : body.length;
        }

        @Override
        public long getContentLengthLong() {
            return getContentLength();
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body == null ? new byte[0] : body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("a batch entry is read at once");
                }

                @Override
                public int read() {
                    return in.read();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }

    /** The answer to one entry, kept in memory and never sent: the batch's own response carries it. */
    static final class BatchEntryResponse extends jakarta.servlet.http.HttpServletResponseWrapper {

        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private java.io.PrintWriter writer;
        private int status = 200;
        private String contentType;

        BatchEntryResponse(HttpServletResponse outer) {
            super(outer);
        }

        String body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int status, String message) {
            this.status = status;
        }

        @Override
        public void sendError(int status) {
            this.status = status;
        }

        @Override
        public void sendRedirect(String location) {
            this.status = 302;
            headers.put("Location", location);
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            headers.merge(name, value, (old, added) -> old + ", " + added);
        }

        @Override
        public void setIntHeader(String name, int value) {
            setHeader(name, String.valueOf(value));
        }

        @Override
        public void addIntHeader(String name, int value) {
            addHeader(name, String.valueOf(value));
        }

        @Override
        public void setDateHeader(String name, long date) {
            setHeader(
                    name,
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            java.time.Instant.ofEpochMilli(date).atZone(java.time.ZoneOffset.UTC)));
        }

        @Override
        public void addDateHeader(String name, long date) {
            setDateHeader(name, date);
        }

        @Override
        public boolean containsHeader(String name) {
            return headers.containsKey(name);
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public java.util.Collection<String> getHeaders(String name) {
            String value = headers.get(name);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public java.util.Collection<String> getHeaderNames() {
            return List.copyOf(headers.keySet());
        }

        @Override
        public void setContentType(String type) {
            this.contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public void setCharacterEncoding(String charset) {
            // Always UTF-8: the entry is parsed back as such.
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public void setContentLength(int length) {
            // Not sent: the batch's response has its own length.
        }

        @Override
        public void setContentLengthLong(long length) {
            // Not sent: the batch's response has its own length.
        }

        @Override
        public void setLocale(java.util.Locale locale) {
            // Not sent: the batch's response has its own.
        }

        @Override
        public void addCookie(jakarta.servlet.http.Cookie cookie) {
            // Not sent: an entry sets nothing on the caller.
        }

        @Override
        public void setBufferSize(int size) {
            // Kept in memory whole.
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void resetBuffer() {
            buffer.reset();
        }

        @Override
        public void reset() {
            buffer.reset();
            headers.clear();
            status = 200;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() {
            return new jakarta.servlet.ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    throw new UnsupportedOperationException("a batch entry is written at once");
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    buffer.write(bytes, offset, length);
                }
            };
        }

        @Override
        public java.io.PrintWriter getWriter() {
            if (writer == null) {
                writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(buffer, StandardCharsets.UTF_8), false);
            }
            return writer;
        }
    }

    /**
     * HAPI's statement names a {@code @Transaction} method as the {@code transaction} interaction; what is served is
     * {@code batch}, so the statement says that instead.
     */
    @ca.uhn.fhir.interceptor.api.Interceptor
    static final class ClaimsBatchNotTransaction {

        @ca.uhn.fhir.interceptor.api.Hook(ca.uhn.fhir.interceptor.api.Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void generated(org.hl7.fhir.instance.model.api.IBaseConformance generated) {
            if (!(generated instanceof CapabilityStatement statement)) {
                return;
            }
            for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
                boolean served = rest.getInteraction()
                        .removeIf(interaction ->
                                interaction.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION
                                        || interaction.getCode() == CapabilityStatement.SystemRestfulInteraction.BATCH);
                if (served) {
                    rest.addInteraction()
                            .setCode(CapabilityStatement.SystemRestfulInteraction.BATCH)
                            .setDocumentation("each entry answered as if sent alone; at most " + MAX_ENTRIES
                                    + " entries; a transaction is refused");
                }
            }
        }
    }

    /** Serves batch bundles at the base. */
    @Component
    static final class Registration implements FhirExtension {

        @Override
        public List<Object> plainProviders() {
            return List.of(new BatchProvider());
        }

        @Override
        public List<Object> interceptors() {
            return List.of(new ClaimsBatchNotTransaction());
        }
    }
}
