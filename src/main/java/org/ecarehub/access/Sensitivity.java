package org.ecarehub.access;

/** How sensitive a record item is (POLICY.md vocabularies). */
public enum Sensitivity {
    NORMAL,
    /** Special-category detail: sexual health, mental health, substance use, HIV, gender identity. */
    RESTRICTED,
    /** A refuge address, adoption details, witness protection. */
    SEALED
}
