package org.ecarehub.person.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonSearch;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Agency records, their link to their own person, and every version of their demographics. */
@Repository
class AgencyRecords {

    /** Queries with more ids than this are split, to stay within every database's limit on parameters. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    AgencyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored record: the index's number for it, its agency's id for it, its own person and current version. */
    record Stored(long id, AgencyRecordId recordId, PersonId person, int currentVersion) {}

    /** A version as stored, with its row's number, which orders every version of every record. */
    record StoredVersion(long versionId, long recordId, AgencyRecordVersion version) {}

    private static final String STORED =
            "select id, agency, local_id, person_id, current_version from person_agency_record";

    Optional<Stored> find(AgencyRecordId record) {
        return jdbc.sql(STORED + " where agency = ? and local_id = ?")
                .params(record.agency().value(), record.localId())
                .query(AgencyRecords::stored)
                .optional();
    }

    Optional<Stored> find(long id) {
        return jdbc.sql(STORED + " where id = ?")
                .param(id)
                .query(AgencyRecords::stored)
                .optional();
    }

    List<Stored> find(Collection<Long> ids) {
        List<Stored> found = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(ids))) {
            found.addAll(jdbc.sql(STORED + " where id in (" + placeholders(chunk.size()) + ")")
                    .params(chunk)
                    .query(AgencyRecords::stored)
                    .list());
        }
        return found;
    }

    /** The records whose own person is one of these. */
    List<Stored> ofPersons(Collection<PersonId> persons) {
        List<Stored> found = new ArrayList<>();
        for (List<String> chunk : chunks(persons.stream().map(PersonId::value).toList())) {
            found.addAll(jdbc.sql(STORED + " where person_id in (" + placeholders(chunk.size()) + ") order by id")
                    .params(chunk)
                    .query(AgencyRecords::stored)
                    .list());
        }
        return found;
    }

    long insert(AgencyRecordId record, PersonId person, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into person_agency_record (agency, local_id, person_id, current_version, created_at)"
                        + " values (?, ?, ?, 0, ?)")
                .params(record.agency().value(), record.localId(), person.value(), Timestamp.from(at))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void setPerson(long record, PersonId person) {
        jdbc.sql("update person_agency_record set person_id = ? where id = ?")
                .params(person.value(), record)
                .update();
    }

    /** Stores the next version of a record's demographics and makes it current; returns the version's row number. */
    long insertVersion(long record, int version, Demographics demographics, Instant at, Actor actor) {
        KeyHolder key = new GeneratedKeyHolder();
        ChiNumber chi = demographics.chi();
        jdbc.sql("insert into person_record_version (record_id, version, recorded_at, recorded_by,"
                        + " recorded_by_agency, given_name, other_given_names, family_name, date_of_birth, sex, phone,"
                        + " chi, chi_validity) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        record,
                        version,
                        Timestamp.from(at),
                        actor.reference(),
                        actor.agency() == null ? null : actor.agency().value(),
                        demographics.givenName(),
                        demographics.otherGivenNames(),
                        demographics.familyName(),
                        demographics.dateOfBirth(),
                        demographics.sex() == null ? null : demographics.sex().code(),
                        demographics.phone(),
                        chi == null ? null : chi.text(),
                        chi == null ? null : chi.validity().name())
                .update(key, "id");
        long versionId = key.getKeyAs(Number.class).longValue();
        List<String> names = demographics.previousFamilyNames();
        for (int i = 0; i < names.size(); i++) {
            jdbc.sql("insert into person_record_previous_name (version_id, position, family_name) values (?, ?, ?)")
                    .params(versionId, i, names.get(i))
                    .update();
        }
        List<Address> addresses = demographics.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            Address address = addresses.get(i);
            jdbc.sql("insert into person_record_address (version_id, position, address, postcode, valid_from,"
                            + " valid_to) values (?, ?, ?, ?, ?, ?)")
                    .params(versionId, i, address.text(), address.postcode(), address.from(), address.to())
                    .update();
        }
        jdbc.sql("update person_agency_record set current_version = ? where id = ?")
                .params(version, record)
                .update();
        return versionId;
    }

    private static final String VERSIONS = "select v.id, v.record_id, r.agency, r.local_id, v.version, v.recorded_at,"
            + " v.recorded_by, v.given_name, v.other_given_names, v.family_name, v.date_of_birth, v.sex, v.phone,"
            + " v.chi, v.chi_validity from person_record_version v join person_agency_record r on r.id = v.record_id";

    Optional<StoredVersion> current(AgencyRecordId record) {
        return versions(
                        VERSIONS + " where r.agency = ? and r.local_id = ? and v.version = r.current_version",
                        List.of(record.agency().value(), record.localId()))
                .stream()
                .findFirst();
    }

    /** The current versions of these records. */
    List<StoredVersion> current(Collection<Long> records) {
        List<StoredVersion> found = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(records))) {
            found.addAll(versions(
                    VERSIONS + " where v.record_id in (" + placeholders(chunk.size())
                            + ") and v.version = r.current_version order by v.record_id",
                    List.copyOf(chunk)));
        }
        return found;
    }

    /** The current versions of every record held about these persons, in the order of the records' numbers. */
    List<StoredVersion> currentOfPersons(Collection<PersonId> persons) {
        List<StoredVersion> found = new ArrayList<>();
        for (List<String> chunk : chunks(persons.stream().map(PersonId::value).toList())) {
            found.addAll(versions(
                    VERSIONS + " where r.person_id in (" + placeholders(chunk.size())
                            + ") and v.version = r.current_version order by v.record_id",
                    List.copyOf(chunk)));
        }
        found.sort(java.util.Comparator.comparingLong(StoredVersion::recordId));
        return found;
    }

    List<StoredVersion> versionsOf(AgencyRecordId record) {
        return versions(
                VERSIONS + " where r.agency = ? and r.local_id = ? order by v.version",
                List.of(record.agency().value(), record.localId()));
    }

    /** The records whose current version matches the search, with their own persons, at most {@code limit}. */
    List<Matched> matching(PersonSearch search, int limit) {
        StringBuilder sql = new StringBuilder("select r.person_id, r.agency, r.local_id from person_agency_record r"
                + " join person_record_version v on v.record_id = r.id and v.version = r.current_version where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (search.chi() != null) {
            sql.append(" and v.chi = ?");
            params.add(search.chi().strip());
        }
        if (search.localId() != null) {
            sql.append(" and r.agency = ? and r.local_id = ?");
            params.add(search.localId().agency().value());
            params.add(search.localId().localId());
        }
        if (search.birthDate() != null) {
            sql.append(" and v.date_of_birth = ?");
            params.add(search.birthDate());
        }
        if (search.family() != null) {
            sql.append(" and (lower(v.family_name) like ? or exists (select 1 from person_record_previous_name n"
                    + " where n.version_id = v.id and lower(n.family_name) like ?))");
            params.add(prefix(search.family()));
            params.add(prefix(search.family()));
        }
        if (search.given() != null) {
            sql.append(" and (lower(v.given_name) like ? or lower(v.other_given_names) like ?)");
            params.add(prefix(search.given()));
            params.add(prefix(search.given()));
        }
        if (search.name() != null) {
            sql.append(" and (lower(v.given_name) like ? or lower(v.other_given_names) like ?"
                    + " or lower(v.family_name) like ? or exists (select 1 from person_record_previous_name n"
                    + " where n.version_id = v.id and lower(n.family_name) like ?))");
            for (int i = 0; i < 4; i++) {
                params.add(prefix(search.name()));
            }
        }
        if (search.postcode() != null) {
            sql.append(" and exists (select 1 from person_record_address a where a.version_id = v.id"
                    + " and a.valid_to is null and upper(replace(a.postcode, ' ', '')) = ?)");
            params.add(search.postcode().replace(" ", "").toUpperCase(java.util.Locale.ROOT));
        }
        sql.append(" order by r.person_id, r.id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Matched(
                        PersonId.of(rs.getString(1)),
                        new AgencyRecordId(AgencyId.of(rs.getString(2)), rs.getString(3))))
                .list();
    }

    /** A record that matched a search, and the person it is linked to itself. */
    record Matched(PersonId ownPerson, AgencyRecordId record) {}

    /** A LIKE pattern for text starting with the value, its own wildcards taken literally. */
    private static String prefix(String value) {
        String escaped = value.strip()
                .toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return escaped + "%";
    }

    /** The current version of every record, for loading the index. */
    List<StoredVersion> allCurrent() {
        return versions(VERSIONS + " where v.version = r.current_version order by v.id", List.of());
    }

    /** The current versions of the records that have a version newer than this row number. */
    List<StoredVersion> currentSince(long versionId) {
        return versions(
                VERSIONS + " where v.version = r.current_version and v.record_id in"
                        + " (select record_id from person_record_version where id > ?) order by v.id",
                List.of(versionId));
    }

    long lastVersionId() {
        return jdbc.sql("select coalesce(max(id), 0) from person_record_version")
                .query(Long.class)
                .single();
    }

    private List<StoredVersion> versions(String sql, List<Object> params) {
        List<Row> rows = jdbc.sql(sql).params(params).query(AgencyRecords::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> names = new HashMap<>();
        Map<Long, List<Address>> addresses = new HashMap<>();
        List<Long> versionIds = rows.stream().map(Row::versionId).toList();
        for (List<Long> chunk : chunks(versionIds)) {
            // Previous names and addresses in one round trip: every read of a person waits on it.
            String in = " where version_id in (" + placeholders(chunk.size()) + ")";
            List<Object> both = new ArrayList<>(chunk);
            both.addAll(chunk);
            jdbc.sql("select version_id, 0 as part, position, family_name, cast(null as varchar(500)) as postcode,"
                            + " cast(null as date) as valid_from, cast(null as date) as valid_to"
                            + " from person_record_previous_name" + in
                            + " union all select version_id, 1, position, address, postcode, valid_from, valid_to"
                            + " from person_record_address" + in
                            + " order by 1, 2, 3")
                    .params(both)
                    .query(rs -> {
                        if (rs.getInt(2) == 0) {
                            names.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                                    .add(rs.getString(4));
                        } else {
                            addresses
                                    .computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                                    .add(new Address(
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getObject(6, LocalDate.class),
                                            rs.getObject(7, LocalDate.class)));
                        }
                    });
        }
        List<StoredVersion> versions = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Demographics demographics = new Demographics(
                    row.givenName,
                    row.otherGivenNames,
                    row.familyName,
                    names.getOrDefault(row.versionId, List.of()),
                    row.dateOfBirth,
                    row.sex == null ? null : Sex.fromCode(row.sex.strip()).orElse(null),
                    addresses.getOrDefault(row.versionId, List.of()),
                    row.phone,
                    row.chi == null ? null : new ChiNumber(row.chi, ChiNumber.Validity.valueOf(row.chiValidity)));
            versions.add(new StoredVersion(
                    row.versionId,
                    row.recordId,
                    new AgencyRecordVersion(
                            new AgencyRecordId(AgencyId.of(row.agency), row.localId),
                            row.version,
                            demographics,
                            row.recordedAt,
                            row.recordedBy,
                            Journal.record(row.recordId))));
        }
        return versions;
    }

    private record Row(
            long versionId,
            long recordId,
            String agency,
            String localId,
            int version,
            Instant recordedAt,
            String recordedBy,
            String givenName,
            String otherGivenNames,
            String familyName,
            LocalDate dateOfBirth,
            String sex,
            String phone,
            String chi,
            String chiValidity) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getObject(11, LocalDate.class),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15));
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(
                rs.getLong(1),
                new AgencyRecordId(AgencyId.of(rs.getString(2)), rs.getString(3)),
                PersonId.of(rs.getString(4)),
                rs.getInt(5));
    }

    static String placeholders(int count) {
        return IntStream.range(0, count).mapToObj(i -> "?").collect(Collectors.joining(", "));
    }

    static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += CHUNK) {
            chunks.add(values.subList(i, Math.min(values.size(), i + CHUNK)));
        }
        return chunks;
    }
}
