/**
 * Consents, representatives and withholdings: what a person agreed to share, who may act for them and under which
 * authority, and what is kept from them and their representatives.
 */
package org.ecarehub.consent;
