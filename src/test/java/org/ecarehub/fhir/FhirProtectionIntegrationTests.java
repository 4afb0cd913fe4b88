package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Protection messages over FHIR as the agencies' systems meet them, through HAPI's generic client under client
 * credentials on behalf of their staff: the police raise a concern as a Communication, social work reads it, finds it
 * by the child and acknowledges it by completing its routing's Task; an unrelated agency learns nothing, and steps
 * through another message's Task or by an agency it was not routed to are refused and change nothing.
 */
@Tag("database")
class FhirProtectionIntegrationTests {

    static final String ROLE = "urn:ecare:fhir:StructureDefinition:concern-role";
    static final String CHILDREN_AND_FAMILIES = "children-families-blantyre";
    static final String SCHOOL = "blantyre-primary";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static String base;
    static KeyPair key;
    static FhirValidator validator;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startHub() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        key = rsa.generateKeyPair();
        String demo = new String(
                FhirProtectionIntegrationTests.class
                        .getResourceAsStream("/demo/partnership.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String partnership = demo.replaceFirst(
                        "(?m)^    caldicott-guardian: caldicott\\.slc$",
                        "    caldicott-guardian: caldicott.slc\n" + system("slc-carefirst"))
                .replaceFirst("(?m)^    type: police$", "    type: police\n" + system("police-niche"))
                .replaceFirst(
                        "(?m)^    name: North Lanarkshire Council Social Work\n    type: council-social-work$",
                        "    name: North Lanarkshire Council Social Work\n    type: council-social-work\n"
                                + system("nlc-swift"))
                .replaceFirst(
                        "(?m)^    type: council-education$", "    type: council-education\n" + system("slc-seemis"));
        assertThat(partnership).contains("slc-carefirst", "police-niche", "nlc-swift", "slc-seemis");
        Path file = dataDir.resolve("partnership.yaml");
        Files.writeString(file, partnership);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of(
                        "server.port", port,
                        "ecare.base-url", base,
                        "ecare.partnership-file", file.toString()));
        validator = FhirClients.validator();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String system(String clientId) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return "    systems:\n"
                + "      - client-id: " + clientId + "\n"
                + "        on-behalf-of-staff: true\n"
                + "        public-key: |\n"
                + pem.lines().map(line -> "          " + line + "\n").reduce("", String::concat);
    }

    /** The agency's system acting for one of its staff under child protection, as HAPI's generic client. */
    static IGenericClient system(String clientId, String onBehalfOf) throws Exception {
        return system(clientId, onBehalfOf, "child-protection");
    }

    static IGenericClient system(String clientId, String onBehalfOf, String purpose) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .type(JOSEObjectType.JWT)
                        .keyID(clientId)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(clientId)
                        .subject(clientId)
                        .audience(base + "/oauth2/token")
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(4))))
                        .jwtID(UUID.randomUUID().toString())
                        .claim("ecare_on_behalf_of", onBehalfOf)
                        .build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize() + "&scope="
                + URLEncoder.encode("system/*.rs system/Communication.cu system/Task.cu", StandardCharsets.UTF_8);
        HttpResponse<String> response = hub.postForm(http, "/oauth2/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("access_token")
                .asString();
        IGenericClient client = FhirClients.client(base + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-Purpose-Of-Use", purpose);
        headers.addHeaderValue("X-Purpose-Justification", "Concern raised about the children's safety");
        client.registerInterceptor(headers);
        return client;
    }

    static IGenericClient police() throws Exception {
        return system("police-niche", "police.hub");
    }

    static IGenericClient socialWork() throws Exception {
        return system("slc-carefirst", "sw.blantyre");
    }

    static IGenericClient school() throws Exception {
        return system("slc-seemis", "teacher.blantyre");
    }

    /** A social worker of another council, with no part in these families' cases. */
    static IGenericClient unrelated() throws Exception {
        return system("nlc-swift", "sw.airdrie");
    }

    static PersonId person(int age) {
        String local = "FP-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AgencyRecord record = new AgencyRecord(
                AgencyRecordId.of("slc-social-work", local),
                new Demographics(
                        "Fp" + Integer.toString(local.hashCode() & 0xffff, 36),
                        null,
                        "Fp" + Integer.toString(local.hashCode() >>> 12, 36) + "son",
                        List.of(),
                        today.minusYears(age).minusDays(Math.floorMod(local.hashCode(), 300)),
                        Sex.UNKNOWN,
                        List.of(),
                        null,
                        null));
        return hub.bean(PersonIndex.class)
                .submit(record, hub.staffActor("admin"))
                .person();
    }

    static void involve(PersonId person, String username) {
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                person,
                                Holder.staff(Username.of(username)),
                                RelationshipKind.KEY_WORKER,
                                LocalDate.now(ZoneOffset.UTC)),
                        hub.staffActor("admin"));
    }

    /** Two children known to social work (one also to the school), their mother and a man posing risk. */
    record Family(PersonId ryan, PersonId ellie, PersonId lisa, PersonId mark) {}

    static Family family() {
        Family family = new Family(person(8), person(4), person(30), person(33));
        involve(family.ryan(), "sw.blantyre");
        involve(family.ryan(), "teacher.blantyre");
        involve(family.ellie(), "sw.blantyre");
        involve(family.lisa(), "sw.blantyre");
        return family;
    }

    static Reference about(PersonId person, String role) {
        Reference reference = new Reference("Patient/" + person.value());
        reference.addExtension(new Extension(ROLE, new CodeType(role)));
        return reference;
    }

    static Communication concern(Family family) {
        Communication communication = new Communication();
        communication.setStatus(Communication.CommunicationStatus.INPROGRESS);
        communication.addCategory(new CodeableConcept(new Coding("urn:ecare:concern-kind", "child", null)));
        communication.setPriority(Communication.CommunicationPriority.URGENT);
        communication.setSubject(new Reference("Patient/" + family.ryan().value()));
        communication.addAbout(about(family.ellie(), "subject"));
        communication.addAbout(about(family.lisa(), "parent"));
        communication.addAbout(about(family.mark(), "posing-risk"));
        communication
                .addPayload()
                .setContent(
                        new StringType(
                                "Police attended a domestic incident at the family home overnight; both children were present."));
        return communication;
    }

    static Communication raised(Family family) throws Exception {
        MethodOutcome outcome = police().create().resource(concern(family)).execute();
        assertThat(outcome.getCreated()).isTrue();
        return (Communication) outcome.getResource();
    }

    static void assertValid(IBaseResource resource) {
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static String errorCode(BaseServerResponseException refused) {
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertThat(outcome).as("an OperationOutcome").isNotNull();
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static long count(String sql, Object... params) {
        return hub.bean(JdbcClient.class)
                .sql(sql)
                .params(params)
                .query(Long.class)
                .single();
    }

    static List<Task> tasksFor(IGenericClient client, PersonId person) {
        return client
                .search()
                .forResource(Task.class)
                .where(Task.PATIENT.hasId("Patient/" + person.value()))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(entry -> (Task) entry.getResource())
                .toList();
    }

    static Task taskOf(List<Task> tasks, String communicationId, String team) {
        return tasks.stream()
                .filter(task -> task.getFocus().getReference().equals("Communication/" + communicationId))
                .filter(task -> team.equals(task.getOwner().getIdentifier().getValue()))
                .findFirst()
                .orElseThrow();
    }

    static Task completed(Task task) {
        Task update = task.copy();
        update.setStatus(Task.TaskStatus.COMPLETED);
        return update;
    }

    @Nested
    class Communications {

        @Test
        void raisesAsThePoliceAndReadsAsSocialWorkAValidCommunication() throws Exception {
            Family family = family();

            Communication created = raised(family);
            String id = created.getIdElement().getIdPart();
            Communication read =
                    socialWork().read().resource(Communication.class).withId(id).execute();

            assertValid(read);
            assertThat(read.getStatus()).isEqualTo(Communication.CommunicationStatus.INPROGRESS);
            assertThat(read.getSubject().getReference())
                    .isEqualTo("Patient/" + family.ryan().value());
            assertThat(read.getAbout())
                    .extracting(
                            Reference::getReference,
                            about -> about.getExtensionByUrl(ROLE).getValue().primitiveValue())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "Patient/" + family.ellie().value(), "subject"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Patient/" + family.lisa().value(), "parent"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Patient/" + family.mark().value(), "posing-risk"));
            assertThat(read.getSender().getReference()).isEqualTo("Practitioner/police.hub");
            assertThat(read.getRecipient())
                    .extracting(recipient -> recipient.getIdentifier().getValue())
                    .contains(CHILDREN_AND_FAMILIES, SCHOOL);
            assertThat(read.getPriority()).isEqualTo(Communication.CommunicationPriority.URGENT);
            assertThat(read.getPayloadFirstRep().getContentStringType().getValue())
                    .startsWith("Police attended");
            // The rest-hook notification's focus is this very resource.
            assertThat(count(
                            "select count(distinct receiver_team) from delivery where focus = ? and topic = ?",
                            "Communication/" + id,
                            "protection-message-received"))
                    .isEqualTo(read.getRecipient().size());
        }

        @Test
        void findsTheMessageByAnyPersonItNamesWithStatusCategoryAndSent() throws Exception {
            Family family = family();
            String id = raised(family).getIdElement().getIdPart();
            IGenericClient socialWork = socialWork();

            assertThat(search(socialWork, "patient=" + family.ellie().value())).contains(id);
            assertThat(search(socialWork, "subject=" + family.ryan().value() + "&status=in-progress&category=child"))
                    .contains(id);
            assertThat(search(
                            socialWork,
                            "patient=" + family.ryan().value() + "&sent=ge"
                                    + LocalDate.now(ZoneOffset.UTC).minusDays(1)))
                    .contains(id);
            assertThat(search(socialWork, "patient=" + family.ryan().value() + "&category=adult"))
                    .isEmpty();
            assertThat(search(socialWork, "patient=" + family.ryan().value() + "&status=completed"))
                    .isEmpty();
            assertThat(search(socialWork, "patient=" + family.ryan().value() + "&sent=lt2020-01-01"))
                    .isEmpty();
        }

        List<String> search(IGenericClient client, String query) {
            return client
                    .search()
                    .byUrl("Communication?" + query)
                    .returnBundle(Bundle.class)
                    .execute()
                    .getEntry()
                    .stream()
                    .map(entry -> entry.getResource().getIdElement().getIdPart())
                    .toList();
        }

        @Test
        void anUnrelatedAgencyGets404AsForAMissingMessageAndFindsNothing() throws Exception {
            Family family = family();
            String id = raised(family).getIdElement().getIdPart();
            IGenericClient unrelated = unrelated();

            assertThatThrownBy(() -> unrelated
                            .read()
                            .resource(Communication.class)
                            .withId(id)
                            .execute())
                    .isInstanceOfSatisfying(
                            ResourceNotFoundException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("not-found"));
            assertThatThrownBy(() -> unrelated
                            .read()
                            .resource(Communication.class)
                            .withId("999999")
                            .execute())
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(unrelated
                            .search()
                            .byUrl("Communication?patient=" + family.ryan().value())
                            .returnBundle(Bundle.class)
                            .execute()
                            .getEntry())
                    .isEmpty();
            assertThat(tasksFor(unrelated, family.ryan())).isEmpty();
        }

        @Test
        void refusesBadInputWith422Or400AndStoresNothing() throws Exception {
            Family family = family();
            long before = count("select count(*) from protection_message");
            IGenericClient police = police();

            Communication noPayload = concern(family);
            noPayload.getPayload().clear();
            assertThatThrownBy(() -> police.create().resource(noPayload).execute())
                    .isInstanceOfSatisfying(
                            UnprocessableEntityException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("refused-by-rule"));
            Communication noRole = concern(family);
            noRole.getAboutFirstRep().getExtension().clear();
            assertThatThrownBy(() -> police.create().resource(noRole).execute())
                    .isInstanceOf(UnprocessableEntityException.class);
            Communication twice = concern(family);
            twice.addAbout(about(family.ryan(), "sibling"));
            assertThatThrownBy(() -> police.create().resource(twice).execute())
                    .isInstanceOf(UnprocessableEntityException.class);
            Communication unknownKind = concern(family);
            unknownKind.getCategoryFirstRep().getCodingFirstRep().setCode("pet");
            assertThatThrownBy(() -> police.create().resource(unknownKind).execute())
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("invalid-resource"));
            Communication notAPatient = concern(family);
            notAPatient.setSubject(new Reference("Group/household"));
            assertThatThrownBy(() -> police.create().resource(notAPatient).execute())
                    .isInstanceOf(InvalidRequestException.class);

            assertThat(count("select count(*) from protection_message")).isEqualTo(before);
        }

        @Test
        void refusesARaiseUnderAPurposeTheRolesMayNotUseWith403() throws Exception {
            Family family = family();
            long before = count("select count(*) from protection_message");
            // A head teacher may raise under child protection, but a school's system acting for them may not claim
            // adult protection.
            IGenericClient school = system("slc-seemis", "teacher.blantyre", "adult-protection");

            assertThatThrownBy(() -> school.create().resource(concern(family)).execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("purpose-not-allowed"));

            assertThat(count("select count(*) from protection_message")).isEqualTo(before);
        }
    }

    @Nested
    class Acknowledgement {

        @Test
        void completingTheTeamsTaskAcknowledgesTheRouting() throws Exception {
            Family family = family();
            String id = raised(family).getIdElement().getIdPart();
            IGenericClient socialWork = socialWork();
            Task task = taskOf(tasksFor(socialWork, family.ryan()), id, CHILDREN_AND_FAMILIES);
            assertValid(task);
            assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
            assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("none");
            assertThat(task.getExecutionPeriod().getEnd()).isAfter(new Date(0));

            MethodOutcome outcome =
                    socialWork.update().resource(completed(task)).execute();

            Task acknowledged = (Task) outcome.getResource();
            assertThat(acknowledged.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
            assertThat(socialWork
                            .read()
                            .resource(Task.class)
                            .withId(task.getIdElement().getIdPart())
                            .execute()
                            .getStatus())
                    .isEqualTo(Task.TaskStatus.COMPLETED);
            assertThat(count(
                            "select count(*) from protection_message_routing where message_id = ? and team = ?"
                                    + " and acknowledged_by = 'sw.blantyre'",
                            Long.parseLong(id),
                            CHILDREN_AND_FAMILIES))
                    .isOne();
            // The school's routing is its own to acknowledge.
            assertThat(taskOf(tasksFor(socialWork, family.ryan()), id, SCHOOL).getStatus())
                    .isEqualTo(Task.TaskStatus.REQUESTED);
        }

        @Test
        void refusesAcknowledgingThroughAnotherMessagesTaskWith403() throws Exception {
            Family family = family();
            String first = raised(family).getIdElement().getIdPart();
            String second = raised(family).getIdElement().getIdPart();
            IGenericClient socialWork = socialWork();
            Task secondsTask = taskOf(tasksFor(socialWork, family.ryan()), second, CHILDREN_AND_FAMILIES);
            String routing = secondsTask.getIdElement().getIdPart().replaceFirst(".*-routing-", "");
            Task forged = completed(secondsTask);
            forged.setId("Task/protection-message-" + first + "-routing-" + routing);

            assertThatThrownBy(() -> socialWork.update().resource(forged).execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("not-routed-to-caller"));

            assertThat(unacknowledged(first)).isEqualTo(unacknowledged(second)).isPositive();
        }

        @Test
        void refusesAnAgencyTheRoutingWasNotForWith403() throws Exception {
            Family family = family();
            String id = raised(family).getIdElement().getIdPart();
            Task socialWorksTask = taskOf(tasksFor(socialWork(), family.ryan()), id, CHILDREN_AND_FAMILIES);
            long before = unacknowledged(id);

            // The school received the message, but not this routing; the other council received nothing.
            assertThatThrownBy(() -> school().update()
                            .resource(completed(socialWorksTask))
                            .execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("not-routed-to-caller"));
            assertThatThrownBy(() -> unrelated()
                            .update()
                            .resource(completed(socialWorksTask))
                            .execute())
                    .isInstanceOf(ForbiddenOperationException.class);
            assertThatThrownBy(() -> police().update()
                            .resource(completed(socialWorksTask))
                            .execute())
                    .isInstanceOf(ForbiddenOperationException.class);

            assertThat(unacknowledged(id)).isEqualTo(before);
        }

        @Test
        void refusesAStaleVersionAndAnotherStatus() throws Exception {
            Family family = family();
            String id = raised(family).getIdElement().getIdPart();
            IGenericClient socialWork = socialWork();
            Task task = taskOf(tasksFor(socialWork, family.ryan()), id, CHILDREN_AND_FAMILIES);

            Task stale = completed(task);
            stale.setId(task.getIdElement().toUnqualifiedVersionless());
            stale.getMeta().setVersionId("7");
            assertThatThrownBy(() -> socialWork.update().resource(stale).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(409));
            Task cancelled = task.copy();
            cancelled.setStatus(Task.TaskStatus.CANCELLED);
            assertThatThrownBy(() -> socialWork.update().resource(cancelled).execute())
                    .isInstanceOf(UnprocessableEntityException.class);

            assertThat(unacknowledged(id))
                    .isEqualTo(count(
                            "select count(*) from protection_message_routing where message_id = ?",
                            Long.parseLong(id)));
        }

        long unacknowledged(String message) {
            return count(
                    "select count(*) from protection_message_routing where message_id = ? and acknowledged_at is null",
                    Long.parseLong(message));
        }
    }

    @Test
    void theCapabilityStatementServesCommunicationAndTask() throws Exception {
        CapabilityStatement statement =
                police().capabilities().ofType(CapabilityStatement.class).execute();

        CapabilityStatement.CapabilityStatementRestResourceComponent communication =
                statement.getRestFirstRep().getResource().stream()
                        .filter(resource -> resource.getType().equals("Communication"))
                        .findFirst()
                        .orElseThrow();
        assertThat(communication.getInteraction())
                .extracting(interaction -> interaction.getCode().toCode())
                .contains("read", "search-type", "create");
        assertThat(communication.getSearchParam())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("patient", "subject", "status", "category", "sent");
    }
}
