package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/**
 * HAPI's generic client as every FHIR test drives the hub: each response the server gives (resources, Bundles and
 * OperationOutcomes alike, success or refusal) is validated against R4 before the test sees it, and one that is not
 * FHIR, or not valid, fails the test with {@link InvalidResponse}. So every answer in the suite is checked by
 * construction, not only the ones a test thought to check.
 */
final class FhirClients {

    static final FhirContext fhir = FhirContext.forR4Cached();

    private static volatile FhirValidator validator;

    private FhirClients() {}

    /** A generic client of the server at this base URL ({@code http://host:port/fhir}), validating every response. */
    static IGenericClient client(String serverBase) {
        // The hub's statement is fetched by tests that mean to; not behind every first request.
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(serverBase);
        client.registerInterceptor(new ValidatingResponses());
        return client;
    }

    /** One validator for the whole run: loading R4's definitions takes seconds and about 160 MB of heap. */
    static FhirValidator validator() {
        FhirValidator built = validator;
        if (built == null) {
            synchronized (FhirClients.class) {
                built = validator;
                if (built == null) {
                    built = R4Validators.of(fhir);
                    validator = built;
                }
            }
        }
        return built;
    }

    /** The id of the one person this client finds by given name, family name and date of birth. */
    static String personId(IGenericClient client, String given, String family, String born) {
        Bundle found = client.search()
                .forResource(Patient.class)
                .where(Patient.GIVEN.matches().value(given))
                .and(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.exactly().day(born))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).as(given + " " + family).hasSize(1);
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    static void assertValid(IBaseResource resource) {
        assertThat(errors(validator().validateWithResult(resource))).isEmpty();
    }

    static List<String> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(message -> message.getLocationString() + ": " + message.getMessage())
                .toList();
    }

    /** A response that is not valid FHIR R4; unchecked, so that HAPI's client passes it on as it is. */
    static final class InvalidResponse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidResponse(String message) {
            super(message);
        }
    }

    /** Validates the raw body, so that an element HAPI's lenient parser would drop is caught too. */
    static final class ValidatingResponses implements IClientInterceptor {

        @Override
        public void interceptRequest(IHttpRequest request) {
            // Only responses are checked.
        }

        @Override
        public void interceptResponse(IHttpResponse response) throws IOException {
            response.bufferEntity();
            String body;
            try (InputStream entity = response.readEntity()) {
                body = entity == null ? "" : new String(entity.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (body.isBlank()) {
                return;
            }
            String answer = "HTTP " + response.getStatus() + " (" + response.getMimeType() + ")";
            if (EncodingEnum.forContentType(response.getMimeType()) == null) {
                throw new InvalidResponse(answer + " is not FHIR JSON or XML: " + body);
            }
            List<String> errors;
            try {
                errors = errors(validator().validateWithResult(body));
            } catch (RuntimeException unreadable) {
                throw new InvalidResponse(
                        answer + " could not be validated (" + unreadable.getMessage() + "): " + body);
            }
            if (!errors.isEmpty()) {
                throw new InvalidResponse(answer + " is not valid FHIR R4: " + errors + " in " + body);
            }
        }
    }
}
