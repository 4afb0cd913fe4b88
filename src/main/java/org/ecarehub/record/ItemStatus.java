package org.ecarehub.record;

/** Where a record item is in its life. Nothing is ever deleted: an ended or superseded item stays in the record. */
public enum ItemStatus {
    /** In force: an alert, care plan, service or document. */
    ACTIVE,
    /** An alert that no longer applies. */
    ENDED,
    /** An assessment being written: editable, seen only within the assessor's agency. */
    DRAFT,
    /** An assessment signed off by its assessor: immutable and shared. */
    SIGNED,
    /** A signed assessment that a later signed one replaced; kept as it was. */
    SUPERSEDED
}
