package org.ecarehub.record.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** The rows of the record's tables and how they read back as the module's values. */
final class RecordRows {

    /** Items with their latest version, in one query. */
    static final String ITEM = "select i.id, i.person_id, i.kind, i.category, i.sensitivity, i.owner, i.status,"
            + " i.superseded_by, i.created_by, v.version, v.status, v.content, v.reason, v.author, v.agency,"
            + " v.written_at, i.created_at from record_item i join record_item_version v on v.item_id = i.id and v.version = i.version";

    static final String VERSION =
            "select v.version, v.status, v.content, v.reason, v.author, v.agency, v.written_at, i.kind"
                    + " from record_item_version v join record_item i on i.id = v.item_id";

    private RecordRows() {}

    static StoredItem item(ResultSet rs, int n) throws SQLException {
        RecordKind kind = RecordKind.valueOf(rs.getString(3));
        Number supersededBy = (Number) rs.getObject(8);
        RecordItem item = new RecordItem(
                new RecordItemId(rs.getLong(1)),
                PersonId.of(rs.getString(2)),
                kind,
                Category.valueOf(rs.getString(4)),
                Sensitivity.valueOf(rs.getString(5)),
                AgencyId.of(rs.getString(6)),
                ItemStatus.valueOf(rs.getString(7)),
                supersededBy == null ? null : new RecordItemId(supersededBy.longValue()),
                version(rs, 10, kind),
                rs.getTimestamp(17).toInstant());
        return new StoredItem(item, username(rs.getString(9)));
    }

    static ItemVersion version(ResultSet rs, int n) throws SQLException {
        return version(rs, 1, RecordKind.valueOf(rs.getString(8)));
    }

    /** A version from its seven columns, the first at {@code from}. */
    private static ItemVersion version(ResultSet rs, int from, RecordKind kind) throws SQLException {
        return new ItemVersion(
                rs.getInt(from),
                ItemStatus.valueOf(rs.getString(from + 1)),
                ContentJson.read(kind, rs.getString(from + 2)),
                rs.getString(from + 3),
                username(rs.getString(from + 4)),
                AgencyId.of(rs.getString(from + 5)),
                rs.getTimestamp(from + 6).toInstant());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Username username(String value) {
        return value == null ? null : Username.of(value);
    }
}
