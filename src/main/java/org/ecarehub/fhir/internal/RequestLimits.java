package org.ecarehub.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Bounds what a request body may cost before HAPI parses it: at most {@code ecare.fhir.max-body} bytes as sent and,
 * when gzip-encoded, as inflated (413); JSON or XML nested at most {@code ecare.fhir.max-depth} deep (400); no XML
 * document type declaration at all, so no DTD, external entity or entity expansion is ever read (400); a body that is
 * neither well-formed JSON nor well-formed XML refused (400). HAPI reads every body through
 * {@link ServletRequestDetails#loadRequestContents()}; {@link FhirServer} routes that read through {@link #body}, so no
 * path reads more than the limit, and the hook below reads each body before a handler is chosen, so a bad one is
 * refused before anything else looks at it.
 */
@Component
@Interceptor
final class RequestLimits implements FhirExtension {

    static final String TOO_LARGE = "too-large";
    static final String TOO_DEEP = "too-deep";
    static final String DOCTYPE_REFUSED = "doctype-refused";
    static final String MALFORMED_BODY = "malformed-body";
    static final String UNSUPPORTED_ENCODING = "unsupported-encoding";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final byte[] NO_BODY = new byte[0];

    private final int maxBody;
    private final int maxDepth;
    private final JsonFactory json = JsonFactory.builder().build();

    RequestLimits(
            @Value("${ecare.fhir.max-body:1MB}") DataSize maxBody, @Value("${ecare.fhir.max-depth:64}") int maxDepth) {
        if (maxBody.toBytes() < 1 || maxBody.toBytes() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("ecare.fhir.max-body must be between 1 byte and 2 GB, not " + maxBody);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("ecare.fhir.max-depth must be at least 1, not " + maxDepth);
        }
        this.maxBody = (int) maxBody.toBytes();
        this.maxDepth = maxDepth;
    }

    /** First of all extensions: nothing else should spend a cycle on a body that is refused here. */
    @Override
    public int order() {
        return Integer.MIN_VALUE;
    }

    @Override
    public List<Object> interceptors() {
        return List.of(this);
    }

    /** Reads and screens the body now, before a handler is chosen or a caller is looked up. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public boolean screen(ServletRequestDetails details) {
        // A form has been read already: by the container within the same limit (see formRefused), or with a query
        // string by HAPI itself, through body().
        if (isForm(details.getServletRequest())) {
            return true;
        }
        try {
            details.loadRequestContents();
            return true;
        } catch (BaseServerResponseException refused) {
            return RefusalsAsOutcomes.answerNow(details, refused);
        }
    }

    /**
     * The answer for a form the container refused to read: Tomcat holds forms to this limit too
     * ({@code server.tomcat.max-http-form-post-size}) and reports the failure with an HTTP status of its choosing.
     */
    BaseServerResponseException formRefused(int status) {
        return status == PayloadTooLargeException.STATUS_CODE
                ? tooLarge()
                : refused(MALFORMED_BODY, "the form could not be read");
    }

    /**
     * The body of a request, read at most to the limit, inflated at most to the limit when gzip-encoded, and screened
     * for depth and document type declarations; what HAPI parses.
     */
    byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBody) {
            throw tooLarge();
        }
        boolean gzip = gzipped(request.getHeader("Content-Encoding"));
        if (request.getContentLengthLong() == 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null)) {
            // HTTP/1.1 has no body without a length or chunks: a read, most requests, allocates no read buffer.
            return NO_BODY;
        }
        byte[] body;
        try (InputStream sent = request.getInputStream()) {
            body = readAtMost(sent);
        } catch (IOException unreadable) {
            throw refused(MALFORMED_BODY, "the body could not be read to its end");
        }
        if (gzip && body.length > 0) {
            try (InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = readAtMost(inflated);
            } catch (IOException notGzip) {
                throw refused(MALFORMED_BODY, "the body is not gzip-encoded as its Content-Encoding says");
            }
        }
        if (!isForm(request)) {
            screen(body, request.getContentType());
        }
        return body;
    }

    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] read = in.readNBytes(maxBody + 1);
        if (read.length > maxBody) {
            throw tooLarge();
        }
        return read;
    }

    private static boolean gzipped(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return false;
        }
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            return true;
        }
        throw new UnclassifiedServerFailureException(
                415,
                "the body may be sent as it is or gzip-encoded, nothing else",
                Outcomes.outcome(
                        IssueType.NOTSUPPORTED,
                        UNSUPPORTED_ENCODING,
                        "the body may be sent as it is or gzip-encoded, nothing else"));
    }

    /** JSON when it says or looks so; anything else must be well-formed XML, since FHIR has no third format here. */
    void screen(byte[] body, String contentType) {
        if (body.length == 0) {
            return;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json") || (!type.contains("xml") && startsLikeJson(body))) {
            screenJson(body);
        } else {
            screenXml(body, type.contains("xml"));
        }
    }

    private void screenJson(byte[] body) {
        int depth = 0;
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart() && ++depth > maxDepth) {
                    throw tooDeep();
                }
                if (token.isStructEnd()) {
                    depth--;
                }
            }
        } catch (JacksonException malformed) {
            // Jackson's own depth limit is higher than any sensible setting of ours, so this is malformed JSON.
            throw refused(MALFORMED_BODY, "the body is not well-formed JSON");
        }
    }

    private void screenXml(byte[] body, boolean saysXml) {
        String malformed = saysXml ? "the body is not well-formed XML" : "the body is neither JSON nor well-formed XML";
        XMLStreamReader reader = null;
        try {
            // A factory a request: the JDK's is not promised to be safe to share between threads.
            reader = secureXmlInputFactory().createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD
                        || event == XMLStreamConstants.ENTITY_DECLARATION
                        || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw refused(DOCTYPE_REFUSED, "XML with a document type declaration or entities is refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > maxDepth) {
                    throw tooDeep();
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException notWellFormed) {
            throw refused(MALFORMED_BODY, malformed);
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing to release beyond the in-memory body.
            }
        }
    }

    /** The JDK's own StAX parser, told to read no DTD and resolve no entity, whatever else is on the class path. */
    private static XMLInputFactory secureXmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static boolean startsLikeJson(byte[] body) {
        int at = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            at = 3;
        }
        while (at < body.length && Character.isWhitespace(body[at])) {
            at++;
        }
        return at < body.length && (body[at] == '{' || body[at] == '[');
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    private BaseServerResponseException tooLarge() {
        String text = "the body is larger than the " + maxBody + " bytes this server accepts";
        return new PayloadTooLargeException(text, Outcomes.outcome(IssueType.TOOLONG, TOO_LARGE, text));
    }

    private BaseServerResponseException tooDeep() {
        return refused(TOO_DEEP, "the body is nested deeper than the " + maxDepth + " levels this server accepts");
    }

    private static InvalidRequestException refused(String code, String text) {
        return new InvalidRequestException(text, Outcomes.outcome(IssueType.STRUCTURE, code, text));
    }
}
