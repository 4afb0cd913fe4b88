/** The record's tables, the writing of versions and the calls to the access decision behind the record's facades. */
package org.ecarehub.record.internal;
