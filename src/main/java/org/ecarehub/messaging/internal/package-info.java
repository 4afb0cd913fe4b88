/** The outbox and deliveries tables, the workers that lease and send them, the channels and the job leases. */
package org.ecarehub.messaging.internal;
