package org.ecarehub.person.internal;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.ImportReport;
import org.ecarehub.person.PersonFileImports;
import org.ecarehub.person.PersonFiles;
import org.ecarehub.person.PersonFiles.Problem;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.RecordImport;
import org.ecarehub.person.RecordWriteDecisions;
import org.ecarehub.person.RecordWriteRefused;
import org.ecarehub.person.Submission;
import org.ecarehub.person.internal.AgencyRecords.Stored;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.transparency.LogUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Imports a person file for an agency's system: reads it whole, decides every row with the access module's {@link
 * RecordWriteDecisions} and logs each decision, then submits the
 * allowed rows to the index, each in a transaction of its own, or, under {@code strict}, all in one.
 *
 * <p>A row is the agency's record as it is now. A row whose address or family name differs from the record's current
 * one keeps the old one too: the old address ended on the day of the import, the old family name among the previous
 * ones; so that the history the agency's file does not carry is not lost, and matching still meets a maiden name.
 */
@Service
class PersonFileImporter implements PersonFileImports {

    private static final Logger log = LoggerFactory.getLogger(PersonFileImporter.class);

    private final StoredPersonIndex index;
    private final AgencyRecords records;
    private final IndexedRecords indexed;
    private final Journal journal;
    private final Clock clock;
    private final RecordWriteDecisions writes;

    PersonFileImporter(
            StoredPersonIndex index,
            AgencyRecords records,
            IndexedRecords indexed,
            Journal journal,
            Clock clock,
            RecordWriteDecisions writes) {
        this.writes = writes;
        this.index = index;
        this.records = records;
        this.indexed = indexed;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public ImportReport importFile(String name, byte[] content, Actor system, boolean strict) {
        PersonFiles.Read read = PersonFiles.read(name, new ByteArrayInputStream(content));
        Tally tally = new Tally(name, strict, read.rows().size());
        tally.problems.addAll(read.problems());
        if (strict && !tally.problems.isEmpty()) {
            return tally.report(ImportReport.Status.REFUSED);
        }
        List<PersonFiles.Row> allowed = new ArrayList<>();
        for (PersonFiles.Row row : read.rows()) {
            String agency = row.record().agency().strip();
            RecordWriteDecisions.WriteDecision decision =
                    writes.decideWrite("system".equals(system.kind()) ? system.agency() : null, agency);
            Optional<Stored> existing = decision.recordAgency() != null
                    ? records.find(new AgencyRecordId(decision.recordAgency(), localId(row)))
                    : Optional.empty();
            try {
                journal.logAccess(
                        system,
                        existing.isPresent() ? "update" : "create",
                        decision.allowed(),
                        decision.rule(),
                        existing.map(Stored::person).orElse(null),
                        existing.map(stored -> List.of(Journal.record(stored.id())))
                                .orElse(List.of()));
            } catch (LogUnavailable e) {
                return tally.stopped(row);
            }
            if (decision.allowed()) {
                allowed.add(row);
            } else {
                tally.problems.add(new Problem(name, row.line(), "refused: " + decision.reason()));
            }
        }
        if (strict && !tally.problems.isEmpty()) {
            return tally.report(ImportReport.Status.REFUSED);
        }
        ImportReport report = strict ? importAll(allowed, system, tally) : importEach(allowed, system, tally);
        indexed.requestFit();
        return report;
    }

    @Override
    public RecordImport importRecord(AgencyRecord record, Actor system) {
        RecordWriteDecisions.WriteDecision decision = writes.decideWrite(
                "system".equals(system.kind()) ? system.agency() : null,
                record.id().agency().value());
        if (!decision.allowed()) {
            // Logged without a person: a refused caller learns nothing of whether the record exists.
            journal.logAccess(system, "create", false, decision.rule(), null, List.of());
            throw new RecordWriteRefused(decision.reason());
        }
        RecordImport done = index.writing(() -> {
            Optional<Stored> existing = records.find(record.id());
            if (existing.isPresent()) {
                journal.logAccess(
                        system,
                        "read",
                        true,
                        decision.rule(),
                        existing.get().person(),
                        List.of(Journal.record(existing.get().id())));
                return new RecordImport(record.id(), index.personOf(record.id()).orElseThrow(), false);
            }
            journal.logAccess(system, "create", true, decision.rule(), null, List.of());
            Submission submission = index.submit(record, system);
            return new RecordImport(record.id(), submission.person(), true);
        });
        if (done.created()) {
            indexed.requestFit();
        }
        return done;
    }

    private ImportReport importEach(List<PersonFiles.Row> rows, Actor system, Tally tally) {
        for (PersonFiles.Row row : rows) {
            try {
                // The record as it is now is read under the index's write lock, so the carried-over history holds.
                tally.count(index.writing(() -> index.submit(agencyRecord(row), system)));
            } catch (LogUnavailable e) {
                return tally.stopped(row);
            } catch (PersonIndexRefused | IllegalArgumentException | DataAccessException e) {
                log.warn(
                        "A row of a person file could not be stored: {}",
                        e.getClass().getSimpleName());
                tally.problems.add(new Problem(tally.file, row.line(), "could not be stored"));
            }
        }
        return tally.report(ImportReport.Status.DONE);
    }

    private ImportReport importAll(List<PersonFiles.Row> rows, Actor system, Tally tally) {
        List<Submission> done = new ArrayList<>();
        PersonFiles.Row[] current = new PersonFiles.Row[1];
        try {
            index.writing(() -> {
                for (PersonFiles.Row row : rows) {
                    current[0] = row;
                    done.add(index.submit(agencyRecord(row), system));
                }
                return null;
            });
        } catch (LogUnavailable e) {
            return tally.stopped(current[0]);
        } catch (PersonIndexRefused | IllegalArgumentException | DataAccessException e) {
            log.warn("A strict person file was refused whole: {}", e.getClass().getSimpleName());
            tally.problems.add(new Problem(
                    tally.file, current[0].line(), "could not be stored, so nothing of the file was stored"));
            return tally.report(ImportReport.Status.REFUSED);
        }
        done.forEach(tally::count);
        return tally.report(ImportReport.Status.DONE);
    }

    /** The row as the agency's record now, keeping the address and family name it replaces. */
    private AgencyRecord agencyRecord(PersonFiles.Row row) {
        PersonRecord read = row.record();
        AgencyRecordId id = new AgencyRecordId(AgencyId.of(read.agency().strip()), localId(row));
        Demographics demographics = Demographics.of(read);
        Optional<Demographics> before = index.current(id).map(version -> version.demographics());
        return new AgencyRecord(
                id, before.map(old -> carriedOver(old, demographics)).orElse(demographics));
    }

    private Demographics carriedOver(Demographics old, Demographics now) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Address> addresses = new ArrayList<>();
        Optional<Address> newAddress = now.currentAddress();
        for (Address address : old.addresses()) {
            if (!address.isCurrent()) {
                addresses.add(address);
            } else if (newAddress.isPresent() && newAddress.get().samePlace(address)) {
                newAddress = Optional.empty();
                addresses.add(address);
            } else {
                addresses.add(address.endedOn(today));
            }
        }
        newAddress.ifPresent(address -> addresses.add(new Address(address.text(), address.postcode(), today, null)));
        List<String> previous = new ArrayList<>(old.previousFamilyNames());
        if (old.familyName() != null
                && !old.familyName().equals(now.familyName())
                && !previous.contains(old.familyName())) {
            previous.add(old.familyName());
        }
        return new Demographics(
                now.givenName(),
                now.otherGivenNames(),
                now.familyName(),
                previous,
                now.dateOfBirth(),
                now.sex(),
                addresses,
                now.phone(),
                now.chi());
    }

    private static String localId(PersonFiles.Row row) {
        return row.record().localId().strip();
    }

    /** What became of the rows so far. */
    private static final class Tally {
        final String file;
        final boolean strict;
        final long read;
        final List<Problem> problems = new ArrayList<>();
        long stored;
        long unchanged;
        long linked;
        long review;
        long newPersons;

        Tally(String file, boolean strict, long read) {
            this.file = file;
            this.strict = strict;
            this.read = read;
        }

        void count(Submission submission) {
            if (submission.outcome() == Submission.Outcome.UNCHANGED) {
                unchanged++;
                return;
            }
            stored++;
            if (submission.outcome() == Submission.Outcome.LINKED) {
                linked++;
            }
            if (submission.outcome() == Submission.Outcome.REVIEW) {
                review++;
            }
            if (submission.newPerson()) {
                newPersons++;
            }
        }

        ImportReport stopped(PersonFiles.Row row) {
            problems.add(new Problem(
                    file,
                    row.line(),
                    "the transparency log cannot record changes now; stopped here: nothing of this row"
                            + (strict ? " or of the file" : " or the rows after it") + " was stored"));
            if (strict) {
                stored = unchanged = linked = review = newPersons = 0;
            }
            return report(ImportReport.Status.STOPPED);
        }

        ImportReport report(ImportReport.Status status) {
            return new ImportReport(
                    file, strict, status, read, stored, unchanged, linked, review, newPersons, problems);
        }
    }
}
