package org.ecarehub.record;

/**
 * The structured content of one version of a record item. Each kind's content checks itself when built and refuses
 * bad input with a {@link RecordRefused} naming the field.
 */
public sealed interface RecordContent permits Alert, Assessment, CarePlan, ServiceProvision, Document {

    RecordKind kind();
}
