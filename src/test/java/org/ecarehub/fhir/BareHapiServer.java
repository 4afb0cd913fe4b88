package org.ecarehub.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * The FHIR read benchmark's comparison (b) (issue 9, "Performance"): a bare HAPI FHIR plain server on embedded Tomcat
 * whose Patient read touches no database, no access decision and no log: what HAPI and the servlet container alone
 * cost on this machine. Run by {@code bench/fhir.sh} with the port and a directory in which it writes {@code ready}.
 */
public final class BareHapiServer {

    private BareHapiServer() {}

    /** Answers every read with a patient of the size the hub's answers have. */
    public static final class Patients implements IResourceProvider {

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            Patient patient = new Patient();
            patient.setId(id.getIdPart());
            patient.addIdentifier()
                    .setSystem("https://ecare.example.org/agency/nhs-lanarkshire")
                    .setValue("LN" + Math.abs(id.getIdPart().hashCode()));
            patient.addName().setFamily("Thomson").addGiven("Agnes");
            patient.setGender(Enumerations.AdministrativeGender.FEMALE);
            patient.setBirthDate(
                    Date.from(LocalDate.of(1941, 3, 12).atStartOfDay().toInstant(ZoneOffset.UTC)));
            patient.addAddress().addLine("12 Station Road").setCity("Hamilton").setPostalCode("ML3 6AA");
            return patient;
        }
    }

    /** The server itself: R4, JSON by default, as the hub's. */
    public static final class Server extends RestfulServer {

        @Override
        protected void initialize() {
            setFhirContext(FhirContext.forR4Cached());
            setDefaultResponseEncoding(EncodingEnum.JSON);
            setResourceProviders(List.of(new Patients()));
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-hapi").toString());
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "fhir", new Server()).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        Files.writeString(out.resolve("bare-ready"), "ready\n");
        tomcat.getServer().await();
    }
}
