package org.ecarehub.person;

/** The access decision refused an agency record's write: the caller is not the system of the record's agency. */
public class RecordWriteRefused extends PersonIndexRefused {

    public RecordWriteRefused(String message) {
        super(message);
    }
}
