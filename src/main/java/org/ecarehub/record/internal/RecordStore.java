package org.ecarehub.record.internal;

import java.util.List;
import java.util.Optional;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Placeholders;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The record's tables: items, their versions, and the sequence that numbers items before they are stored. */
@Component
class RecordStore {

    private final JdbcClient jdbc;

    RecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new item's number, taken before the decision so that the decision and the log can name the item. */
    RecordItemId nextId() {
        return new RecordItemId(
                jdbc.sql("select nextval('record_item_ids')").query(Long.class).single());
    }

    /**
     * Every item of the person, under any of their ids (a person merged into them included), with its latest version,
     * in one query on the person's index, oldest first.
     */
    List<StoredItem> itemsOf(List<PersonId> ids) {
        if (ids.size() == 1) {
            return jdbc.sql(RecordRows.ITEM + " where i.person_id = ? order by i.id")
                    .param(ids.get(0).value())
                    .query(RecordRows::item)
                    .list();
        }
        return jdbc.sql(RecordRows.ITEM + " where i.person_id in (" + Placeholders.marks(ids.size())
                        + ") order by i.id")
                .params(Placeholders.ids(ids))
                .query(RecordRows::item)
                .list();
    }

    Optional<StoredItem> item(RecordItemId id) {
        return jdbc.sql(RecordRows.ITEM + " where i.id = ?")
                .param(id.value())
                .query(RecordRows::item)
                .optional();
    }

    /** The item, its row locked until the transaction ends, so that two edits of it are made one after the other. */
    Optional<StoredItem> lock(RecordItemId id) {
        boolean exists = jdbc.sql("select id from record_item where id = ? for update")
                .param(id.value())
                .query(Long.class)
                .optional()
                .isPresent();
        return exists ? item(id) : Optional.empty();
    }

    List<ItemVersion> versions(RecordItemId id) {
        return jdbc.sql(RecordRows.VERSION + " where v.item_id = ? order by v.version")
                .param(id.value())
                .query(RecordRows::version)
                .list();
    }

    void insert(RecordItem item, Username createdBy) {
        jdbc.sql("insert into record_item (id, person_id, kind, category, sensitivity, owner, status, version,"
                        + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        item.id().value(),
                        item.person().value(),
                        item.kind().name(),
                        item.category().name(),
                        item.sensitivity().name(),
                        item.owner().value(),
                        item.status().name(),
                        item.version(),
                        createdBy == null ? null : createdBy.value(),
                        RecordRows.timestamp(item.current().at()))
                .update();
        insertVersion(item.id(), item.current());
    }

    /**
     * Stores a new version and makes it the item's latest, if the item's latest is still the one before it.
     *
     * @return false when another edit got there first; the caller then refuses the edit as stale
     */
    boolean append(RecordItemId id, ItemVersion version) {
        int updated = jdbc.sql("update record_item set version = ?, status = ? where id = ? and version = ?")
                .params(version.number(), version.status().name(), id.value(), version.number() - 1)
                .update();
        if (updated == 0) {
            return false;
        }
        insertVersion(id, version);
        return true;
    }

    /** The person's signed assessments other than the one given, locked: the ones it supersedes when signed. */
    List<RecordItemId> signedAssessmentsOtherThan(List<PersonId> ids, RecordItemId signed) {
        List<Object> params = new java.util.ArrayList<>(Placeholders.ids(ids));
        params.addAll(List.of(RecordKind.ASSESSMENT.name(), ItemStatus.SIGNED.name(), signed.value()));
        return jdbc.sql("select id from record_item where person_id in (" + Placeholders.marks(ids.size())
                        + ") and kind = ? and status = ? and id <> ? order by id for update")
                .params(params)
                .query((rs, n) -> new RecordItemId(rs.getLong(1)))
                .list();
    }

    void supersede(RecordItemId earlier, RecordItemId by) {
        jdbc.sql("update record_item set status = ?, superseded_by = ? where id = ?")
                .params(ItemStatus.SUPERSEDED.name(), by.value(), earlier.value())
                .update();
    }

    private void insertVersion(RecordItemId id, ItemVersion version) {
        jdbc.sql("insert into record_item_version (item_id, version, status, content, reason, author, agency,"
                        + " written_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        version.number(),
                        version.status().name(),
                        ContentJson.write(version.content()),
                        version.reason(),
                        version.author() == null ? null : version.author().value(),
                        version.agency().value(),
                        RecordRows.timestamp(version.at()))
                .update();
    }
}
